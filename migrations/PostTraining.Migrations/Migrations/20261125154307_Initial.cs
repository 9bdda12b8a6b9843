using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PostTraining.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    salt = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entity_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    before = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    after = table.Column<JsonDocument>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    name_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    abbreviation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    description_en = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    description_zh = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    source_document = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_original = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_reference_id = table.Column<long>(type: "bigint", nullable: true),
                    source_section = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    latex = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    technique_id = table.Column<long>(type: "bigint", nullable: true),
                    parameters = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    organization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    goal_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    goal_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    authors = table.Column<List<string>>(type: "text[]", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    venue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    arxiv_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    technique_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    paradigm_id = table.Column<long>(type: "bigint", nullable: true),
                    depth = table.Column<int>(type: "integer", nullable: true),
                    lacks_reference = table.Column<bool>(type: "boolean", nullable: true),
                    symbols = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nodes", x => x.id);
                    table.CheckConstraint("ck_nodes_not_own_parent", "parent_id IS NULL OR parent_id <> id");
                    table.CheckConstraint("ck_nodes_slug_format", "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.ForeignKey(
                        name: "fk_nodes_nodes_paradigm_id",
                        column: x => x.paradigm_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_nodes_nodes_parent_id",
                        column: x => x.parent_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_nodes_nodes_technique_id",
                        column: x => x.technique_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "relation_types",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    inverse_name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    inverse_name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    description_zh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    symmetric = table.Column<bool>(type: "boolean", nullable: false),
                    transitive = table.Column<bool>(type: "boolean", nullable: false),
                    acyclic = table.Column<bool>(type: "boolean", nullable: false),
                    prerequisite = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relation_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slug_redirects",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    old_slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    node_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slug_redirects", x => new { x.kind, x.old_slug });
                    table.ForeignKey(
                        name: "fk_slug_redirects_nodes_node_id",
                        column: x => x.node_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "technique_references",
                columns: table => new
                {
                    technique_id = table.Column<long>(type: "bigint", nullable: false),
                    reference_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    source_document = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_original = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_reference_id = table.Column<long>(type: "bigint", nullable: true),
                    source_section = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_technique_references", x => new { x.technique_id, x.reference_id });
                    table.ForeignKey(
                        name: "fk_technique_references_references_reference_id",
                        column: x => x.reference_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_technique_references_techniques_technique_id",
                        column: x => x.technique_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "relationships",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type_id = table.Column<int>(type: "integer", nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    note_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    note_zh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    source_document = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_original = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_reference_id = table.Column<long>(type: "bigint", nullable: true),
                    source_section = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relationships", x => x.id);
                    table.CheckConstraint("ck_relationships_no_self_loop", "source_id <> target_id");
                    table.ForeignKey(
                        name: "fk_relationships_nodes_source_id",
                        column: x => x.source_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_relationships_nodes_target_id",
                        column: x => x.target_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_relationships_relation_types_type_id",
                        column: x => x.type_id,
                        principalTable: "relation_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_name",
                table: "api_keys",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_prefix",
                table: "api_keys",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_changes_entity_kind_entity_key",
                table: "changes",
                columns: new[] { "entity_kind", "entity_key" });

            migrationBuilder.CreateIndex(
                name: "ix_nodes_arxiv_id",
                table: "nodes",
                column: "arxiv_id",
                unique: true,
                filter: "arxiv_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_nodes_kind_slug",
                table: "nodes",
                columns: new[] { "kind", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nodes_name_en_trgm",
                table: "nodes",
                column: "name_en")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_nodes_name_zh_trgm",
                table: "nodes",
                column: "name_zh")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_nodes_paradigm_id",
                table: "nodes",
                column: "paradigm_id");

            migrationBuilder.CreateIndex(
                name: "ix_nodes_parent_id",
                table: "nodes",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_nodes_technique_id",
                table: "nodes",
                column: "technique_id");

            migrationBuilder.CreateIndex(
                name: "ix_nodes_year",
                table: "nodes",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_relation_types_slug",
                table: "relation_types",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_relationships_source_id_type_id_target_id",
                table: "relationships",
                columns: new[] { "source_id", "type_id", "target_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_relationships_target_id",
                table: "relationships",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "ix_relationships_type_id",
                table: "relationships",
                column: "type_id");

            migrationBuilder.CreateIndex(
                name: "ix_slug_redirects_node_id",
                table: "slug_redirects",
                column: "node_id");

            migrationBuilder.CreateIndex(
                name: "ix_technique_references_reference_id",
                table: "technique_references",
                column: "reference_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "relationships");

            migrationBuilder.DropTable(
                name: "slug_redirects");

            migrationBuilder.DropTable(
                name: "technique_references");

            migrationBuilder.DropTable(
                name: "relation_types");

            migrationBuilder.DropTable(
                name: "nodes");
        }
    }
}
