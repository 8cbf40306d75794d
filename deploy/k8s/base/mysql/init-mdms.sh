#!/bin/bash
# Creates the three MDMS schemas and the application user on the first start of an empty MySQL data directory.
# Run by the official mysql image from /docker-entrypoint-initdb.d (sourced or executed), in Compose and Kubernetes.
# Needs MYSQL_ROOT_PASSWORD (the image's own) and MDMS_DB_PASSWORD; MDMS_DB_USER defaults to mdms.
set -eu
: "${MDMS_DB_PASSWORD:?MDMS_DB_PASSWORD must be set for the mysql container}"
mdms_user="${MDMS_DB_USER:-mdms}"
# the password goes into a SQL string literal: escape backslashes and single quotes
mdms_pw="${MDMS_DB_PASSWORD//\\/\\\\}"
mdms_pw="${mdms_pw//\'/\\\'}"

MYSQL_PWD="${MYSQL_ROOT_PASSWORD}" mysql --protocol=socket -uroot <<SQL
CREATE DATABASE IF NOT EXISTS mdms_records   CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS mdms_imaging   CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS mdms_warehouse CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${mdms_user}'@'%' IDENTIFIED BY '${mdms_pw}';
GRANT ALL PRIVILEGES ON mdms_records.*   TO '${mdms_user}'@'%';
GRANT ALL PRIVILEGES ON mdms_imaging.*   TO '${mdms_user}'@'%';
GRANT ALL PRIVILEGES ON mdms_warehouse.* TO '${mdms_user}'@'%';
FLUSH PRIVILEGES;
SQL
echo "mdms: schemas mdms_records, mdms_imaging, mdms_warehouse and user ${mdms_user} ready"
