-- Kinds of communication a person can opt in to or out of, each tied to a consent purpose.
CREATE TABLE subscription_type (
    type_key     varchar(100) PRIMARY KEY,
    name         varchar(200) NOT NULL,
    purpose_key  varchar(100) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
