#!/bin/sh
# The application's own database beside Temporal's (first start of the volume only). Its password
# comes from the compose secret thidua_db_password — never from the image or this file.
set -eu
password="$(cat /run/secrets/thidua_db_password)"
psql -v ON_ERROR_STOP=1 -v pw="$password" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE USER thidua WITH PASSWORD :'pw';
CREATE DATABASE thidua OWNER thidua;
SQL
