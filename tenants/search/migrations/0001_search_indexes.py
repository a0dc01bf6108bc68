"""Search columns and indexes in every organisation's schema.

Two columns the models do not declare, each kept by a trigger: `cases_case.search_document`
(title weighted above summary, in the narrative configuration of textsearch.py), because
ranking thousands of hits must read a stored vector (recomputing it for 20,000 hits took
600 ms here, reading it 30 ms); and `people_person.search_names` (display name and name
variants), because trigram matching a column costs half of calling a function per row. A
trigger rather than a generated column, so that a later AlterField on a source column works.

Indexes: the document (GIN), the case number in capitals (trigram: any part of it), opening
time and id (the newest-first list), the names (trigram), and names with domicile (full text,
`simple`: names and places are not stemmed).
"""

from django.db import migrations

from tenants.search.textsearch import narrative_config

CASES = """
ALTER TABLE cases_case ADD COLUMN search_document tsvector;

CREATE FUNCTION search_case_document() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('{config}'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('{config}'::regconfig, coalesce(NEW.summary, '')), 'B');
    RETURN NEW;
END
$body$;

CREATE TRIGGER search_case_document BEFORE INSERT OR UPDATE OF title, summary
    ON cases_case FOR EACH ROW EXECUTE FUNCTION search_case_document();

UPDATE cases_case SET title = title;

CREATE FUNCTION search_narrative_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $body$ SELECT websearch_to_tsquery('{config}'::regconfig, words) $body$;

CREATE INDEX search_case_document ON cases_case USING gin (search_document);
CREATE INDEX search_case_number_trgm ON cases_case USING gin (upper(number::text) gin_trgm_ops);
CREATE INDEX search_case_opened ON cases_case (opened_at DESC, id DESC);
"""

PEOPLE = """
ALTER TABLE people_person ADD COLUMN search_names text;

CREATE FUNCTION search_person_names() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    NEW.search_names := NEW.display_name
        || coalesce(' ' || nullif(array_to_string(NEW.name_variants, ' '), ''), '');
    RETURN NEW;
END
$body$;

CREATE TRIGGER search_person_names BEFORE INSERT OR UPDATE OF display_name, name_variants
    ON people_person FOR EACH ROW EXECUTE FUNCTION search_person_names();

UPDATE people_person SET display_name = display_name;

CREATE INDEX search_person_names_trgm ON people_person USING gin (search_names gin_trgm_ops);
CREATE INDEX search_person_document ON people_person
    USING gin (to_tsvector('simple'::regconfig, search_names || ' ' || domicile));
"""

DROP = """
DROP INDEX IF EXISTS search_person_document;
DROP INDEX IF EXISTS search_person_names_trgm;
DROP TRIGGER IF EXISTS search_person_names ON people_person;
DROP FUNCTION IF EXISTS search_person_names();
ALTER TABLE people_person DROP COLUMN IF EXISTS search_names;
DROP INDEX IF EXISTS search_case_opened;
DROP INDEX IF EXISTS search_case_number_trgm;
DROP INDEX IF EXISTS search_case_document;
DROP FUNCTION IF EXISTS search_narrative_query(text);
DROP TRIGGER IF EXISTS search_case_document ON cases_case;
DROP FUNCTION IF EXISTS search_case_document();
ALTER TABLE cases_case DROP COLUMN IF EXISTS search_document;
"""


def create(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        config = narrative_config(cursor)
        cursor.execute(CASES.replace("{config}", config))
        cursor.execute(PEOPLE)


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_alter_case_restricted_sections"),
        ("people", "0003_guardian_is_a_relation"),
        ("organisations", "0002_pg_trgm"),
    ]

    operations = [migrations.RunPython(create, drop)]
