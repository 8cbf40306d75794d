-- Feed minimisation: PATIENT events carry gender and birth year only (the warehouse needs an age band and a gender).
-- Events written before this change held the MRN and the exact birth date; rewrite them so the feed's history no
-- longer hands either out. birthYear is the year of the stored birthDate (NULL when there was none).
UPDATE change_event
   SET payload = JSON_REMOVE(
           JSON_SET(payload, '$.birthYear',
                    CASE WHEN JSON_TYPE(JSON_EXTRACT(payload, '$.birthDate')) = 'STRING'
                         THEN CAST(LEFT(JSON_UNQUOTE(JSON_EXTRACT(payload, '$.birthDate')), 4) AS UNSIGNED)
                    END),
           '$.mrn', '$.birthDate')
 WHERE entity_type = 'PATIENT'
   AND (JSON_EXTRACT(payload, '$.mrn') IS NOT NULL OR JSON_EXTRACT(payload, '$.birthDate') IS NOT NULL);
