-- One role and database per service, as ./suite creates them locally. The passwords are development
-- defaults: operators set their own (and QUARKUS_DATASOURCE_PASSWORD of each service).
CREATE ROLE contact LOGIN PASSWORD 'contact';
CREATE DATABASE contact OWNER contact;
CREATE ROLE consent LOGIN PASSWORD 'consent';
CREATE DATABASE consent OWNER consent;
CREATE ROLE subscription LOGIN PASSWORD 'subscription';
CREATE DATABASE subscription OWNER subscription;
CREATE ROLE erasure LOGIN PASSWORD 'erasure';
CREATE DATABASE erasure OWNER erasure;
CREATE ROLE incident LOGIN PASSWORD 'incident';
CREATE DATABASE incident OWNER incident;
CREATE ROLE gateway LOGIN PASSWORD 'gateway';
CREATE DATABASE gateway OWNER gateway;
-- The key store shared by the services that encrypt (wrapped per-person data keys; see the README).
CREATE ROLE gdpr_keys LOGIN PASSWORD 'gdpr_keys';
CREATE DATABASE gdpr_keys OWNER gdpr_keys;
