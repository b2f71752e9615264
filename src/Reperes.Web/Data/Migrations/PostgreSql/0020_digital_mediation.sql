-- 0020: the fields of the national standard of digital-mediation places on the services of the digital categories
-- (kinds of help, ways of accompaniment, publics, specific support, fees, national programmes, labels, ways to come) and
-- the equipment a place lends; lists of codes separated by '|'. PostgreSQL.

ALTER TABLE services ADD mediation_services character varying(300) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_support character varying(100) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_publics character varying(100) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_specific_support character varying(200) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_fees character varying(100) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_programmes character varying(300) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_labels character varying(300) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_access character varying(200) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_equipment character varying(100) NOT NULL DEFAULT '';

ALTER TABLE services ADD mediation_other_labels character varying(500);

ALTER TABLE services ALTER COLUMN mediation_services DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_support DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_publics DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_specific_support DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_fees DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_programmes DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_labels DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_access DROP DEFAULT;

ALTER TABLE services ALTER COLUMN mediation_equipment DROP DEFAULT;
