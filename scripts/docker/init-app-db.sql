-- The application's own database beside Temporal's (created once, on the first start of the volume).
CREATE USER thidua WITH PASSWORD 'thidua';
CREATE DATABASE thidua OWNER thidua;
