-- The site a detector stands at (a site of the tanks domain): its alarms are recorded with it, for the alarm centre.
ALTER TABLE twins.detector_config ADD COLUMN site_id uuid;
