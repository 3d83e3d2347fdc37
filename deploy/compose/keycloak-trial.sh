#!/bin/bash
# Adapts the imported PRODUCTION realm to a trial on this machine, once, after Keycloak is up:
#  - plain HTTP from loopback and private addresses only (sslRequired=external; compose publishes on 127.0.0.1),
#  - the front-ends' redirect URIs at the gateway as you reach it (GDPR_PUBLIC_URL),
#  - the secrets of the gateway's staff-management client and of erasure-service's client from your variables
#    (never written in the repo),
#  - one first staff user with the roles admin and dpo and the password you exported; Keycloak asks them for a
#    second factor at first sign-in, as the realm requires for those roles. Further users: the suite's /api/staff.
# The realm file itself stays the production one: no user, no fixed secret (deploy/README.md).
set -euo pipefail

kcadm=${KCADM:-/opt/keycloak/bin/kcadm.sh}
realm=${GDPR_REALM:-gdpr-suite}
config=$(mktemp)
trap 'rm -f "$config"' EXIT
kc() { "$kcadm" "$@" --config "$config"; }

kc config credentials --server "$KEYCLOAK_URL" --realm master --user admin --password "$KEYCLOAK_ADMIN_PASSWORD"

client_id() { kc get clients -r "$realm" -q "clientId=$1" --fields id --format csv --noquotes; }

kc update "realms/$realm" -s sslRequired=external
kc update "clients/$(client_id gdpr-suite-ui)" -r "$realm" \
  -s "redirectUris=[\"$GDPR_PUBLIC_URL/*\"]" -s 'webOrigins=["+"]'
kc update "clients/$(client_id gateway-staff)" -r "$realm" -s "secret=$GDPR_GATEWAY_STAFF_CLIENT_SECRET"
kc update "clients/$(client_id erasure-service)" -r "$realm" -s "secret=$GDPR_ERASURE_CLIENT_SECRET"

user=${GDPR_TRIAL_ADMIN_USERNAME:-trial-admin}
if [ -z "$(kc get users -r "$realm" -q "username=$user" -q exact=true --fields id --format csv --noquotes)" ]; then
  kc create users -r "$realm" -s "username=$user" -s enabled=true -s firstName=Trial -s lastName=Administrator \
    -s "email=${GDPR_TRIAL_ADMIN_EMAIL:-$user@localhost.localdomain}" -s emailVerified=true
  kc set-password -r "$realm" --username "$user" --new-password "$GDPR_TRIAL_ADMIN_PASSWORD"
  kc add-roles -r "$realm" --uusername "$user" --rolename admin --rolename dpo
fi
echo "realm $realm ready for a trial on this machine; first user: $user"
