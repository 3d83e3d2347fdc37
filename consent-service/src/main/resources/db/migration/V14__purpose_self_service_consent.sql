-- Issue 28 (the privacy centre, Control): a purpose whose consent the person may give themselves on their consent
-- page (/public/consents/withdraw), with the notice in force. Off unless the DPO allows it per purpose.
ALTER TABLE purpose ADD COLUMN self_service_consent boolean NOT NULL DEFAULT false;
