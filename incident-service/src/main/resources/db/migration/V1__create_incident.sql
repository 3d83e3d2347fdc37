-- The personal-data breach register (Art. 33(5)). aware_at starts the 72-hour clock of Art. 33(1).
CREATE TABLE incident (
    id          uuid PRIMARY KEY,
    title       varchar(300) NOT NULL,
    status      varchar(30)  NOT NULL,
    reported_at timestamptz  NOT NULL DEFAULT now(),
    aware_at    timestamptz
);
