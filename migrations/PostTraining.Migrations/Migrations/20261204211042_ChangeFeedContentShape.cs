using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostTraining.Migrations.Migrations
{
    /// <summary>
    /// Rewrites the change feed's before/after that the seed loader recorded (the node kind as <c>kind</c> plus
    /// <c>techniqueKind</c>, <c>depth</c>, <c>source</c>/<c>provenance</c>, explicit nulls) into the content contract's
    /// shape the write endpoints record (PostTraining.Data.Content): the writable members only, absent when null or
    /// empty. Rows are told apart by what only the loader wrote: a provenance object (<c>source</c> on nodes and links,
    /// <c>provenance</c> on relationships) or a relation type.
    /// </summary>
    public partial class ChangeFeedContentShape : Migration
    {
        private const string Function = """
            CREATE FUNCTION pg_temp.content_of(entity_kind text, j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
            SELECT jsonb_strip_nulls(CASE entity_kind
                WHEN 'paradigm' THEN jsonb_build_object(
                    'slug', j->'slug', 'name', j->'name', 'goal', j->'goal', 'description', j->'description',
                    'aliases', NULLIF(j->'aliases', '[]'::jsonb), 'position', j->'position', 'verified', j->'verified')
                WHEN 'technique' THEN jsonb_build_object(
                    'slug', j->'slug', 'paradigm', j->'paradigm', 'parent', j->'parent', 'kind', j->'techniqueKind',
                    'name', j->'name', 'abbreviation', j->'abbreviation', 'aliases', NULLIF(j->'aliases', '[]'::jsonb),
                    'description', j->'description', 'year', j->'year', 'position', j->'position',
                    'verified', j->'verified', 'lacksReference', j->'lacksReference')
                WHEN 'reference' THEN jsonb_build_object(
                    'slug', j->'slug', 'title', j->'name'->'en', 'authors', NULLIF(j->'authors', '[]'::jsonb),
                    'authorsTruncated', j->'authorsTruncated', 'year', j->'year', 'venue', j->'venue', 'url', j->'url',
                    'arxivId', j->'arxivId', 'doi', j->'doi', 'language', j->'language', 'description', j->'description',
                    'position', j->'position', 'verified', j->'verified')
                WHEN 'formula' THEN jsonb_build_object(
                    'slug', j->'slug', 'technique', j->'technique', 'name', j->'name', 'latex', j->'latex',
                    'symbols', NULLIF(j->'symbols', '[]'::jsonb), 'description', j->'description',
                    'reference', j->'source'->'reference', 'position', j->'position', 'verified', j->'verified')
                WHEN 'model' THEN jsonb_build_object(
                    'slug', j->'slug', 'name', j->'name', 'parameters', j->'parameters', 'organization', j->'organization',
                    'aliases', NULLIF(j->'aliases', '[]'::jsonb), 'description', j->'description',
                    'references', CASE WHEN jsonb_typeof(j->'source'->'reference') = 'string' THEN jsonb_build_array(j->'source'->'reference') END,
                    'position', j->'position', 'verified', j->'verified')
                WHEN 'dataset' THEN jsonb_build_object(
                    'slug', j->'slug', 'parent', j->'parent', 'name', j->'name', 'aliases', NULLIF(j->'aliases', '[]'::jsonb),
                    'description', j->'description', 'reference', j->'source'->'reference', 'position', j->'position',
                    'verified', j->'verified')
                WHEN 'limitation' THEN jsonb_build_object(
                    'slug', j->'slug', 'name', j->'name', 'description', j->'description', 'position', j->'position',
                    'verified', j->'verified')
                WHEN 'application' THEN jsonb_build_object(
                    'slug', j->'slug', 'parent', j->'parent', 'name', j->'name', 'description', j->'description',
                    'position', j->'position', 'verified', j->'verified')
                WHEN 'technique-reference' THEN jsonb_build_object(
                    'technique', j->'technique', 'reference', j->'reference', 'role', j->'role')
                WHEN 'relationship' THEN jsonb_build_object(
                    'type', j->'type', 'source', j->'source', 'target', j->'target',
                    'reference', j->'provenance'->'reference', 'note', j->'note', 'verified', j->'verified')
                ELSE j
            END)
            $$;
            """;

        private const string LoaderShape = """
            (CASE WHEN entity_kind = 'relationship' THEN jsonb_typeof({0}->'provenance') = 'object'
                  WHEN entity_kind = 'relation-type' THEN true
                  ELSE jsonb_typeof({0}->'source') = 'object' END)
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Function);
            foreach (var column in new[] { "before", "after" })
            {
                migrationBuilder.Sql($"""
                    UPDATE changes SET {column} = pg_temp.content_of(entity_kind, {column})
                    WHERE {column} IS NOT NULL AND jsonb_typeof({column}) = 'object' AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, LoaderShape, column)};
                    """);
            }

            migrationBuilder.Sql("DROP FUNCTION pg_temp.content_of(text, jsonb);");
        }

        /// <inheritdoc />
        /// <remarks>The loader's extra members (depth, provenance) are not in the rows any more; nothing to restore.</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
