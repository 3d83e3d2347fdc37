-- The retention policies of contact-service the DPO approved: a retention event is carried out only for a policy
-- approved here with the very criteria the event names (a policy changed since needs approving again). The
-- criteria themselves are kept, not a hash, so that the DPO sees what was approved. Revoked approvals stay for the
-- record (revoked_at set) and are approved again by a new approval.
CREATE TABLE retention_approval (
    policy_id           uuid PRIMARY KEY,
    category            varchar(40),
    without_legal_basis boolean      NOT NULL,
    inactive_months     integer,
    include_restricted  boolean      NOT NULL,
    approved_by         varchar(200) NOT NULL,
    approved_at         timestamptz  NOT NULL,
    revoked_by          varchar(200),
    revoked_at          timestamptz
);
