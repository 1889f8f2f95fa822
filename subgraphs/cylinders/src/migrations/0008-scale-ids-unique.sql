-- A scale's id is its device id, and the twins keep one twin per device id of a kind: two companies
-- may not both name a scale `scale-1` (as a tag, it names one scale everywhere).
CREATE UNIQUE INDEX filling_scale_id_everywhere ON cylinders.filling_scale (id);
