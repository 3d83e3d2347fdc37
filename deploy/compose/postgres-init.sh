#!/bin/bash
# One role and database per service, as ./suite creates them locally, and the key store gdpr_keys. Run once by the
# postgres image on an empty data directory. No password is written here: each comes from DB_PASSWORD_<ROLE>
# (e.g. DB_PASSWORD_CONTACT), which docker-compose.yml requires; a missing one stops the set-up.
set -euo pipefail
for role in contact consent subscription erasure incident gateway gdpr_keys; do
  variable="DB_PASSWORD_${role^^}"
  password="${!variable:?set $variable (deploy/README.md)}"
  # psql quotes the role (:"role") and the password (:'password', read from the environment, never from a
  # command line that ps would show).
  ROLE_PASSWORD="$password" psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" <<'SQL'
\getenv password ROLE_PASSWORD
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
SQL
done
