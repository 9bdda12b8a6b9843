using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PostTraining.Migrations.Migrations
{
    /// <summary>
    /// The comparison tables (issue 14): <c>comparisons</c> (one per table, its <c>xmin</c> the ETag of the whole table),
    /// <c>comparison_axes</c> (columns, a choice axis's allowed values as JSON) and <c>comparison_rows</c> (one per
    /// technique or model, its cells as JSON). Rows restrict deleting the entity or reference they point at.
    /// </summary>
    public partial class Comparisons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "comparisons",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    name_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    description_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    description_zh = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    source_table = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source_section = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source_reference_id = table.Column<long>(type: "bigint", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comparisons", x => x.id);
                    table.ForeignKey(
                        name: "fk_comparisons_nodes_source_reference_id",
                        column: x => x.source_reference_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "comparison_axes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    comparison_id = table.Column<long>(type: "bigint", nullable: false),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    printed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    name_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    description_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    description_zh = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    values = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comparison_axes", x => x.id);
                    table.ForeignKey(
                        name: "fk_comparison_axes_comparisons_comparison_id",
                        column: x => x.comparison_id,
                        principalTable: "comparisons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comparison_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    comparison_id = table.Column<long>(type: "bigint", nullable: false),
                    node_id = table.Column<long>(type: "bigint", nullable: false),
                    printed = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    reference_id = table.Column<long>(type: "bigint", nullable: true),
                    note_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    note_zh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    cells = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comparison_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_comparison_rows_comparisons_comparison_id",
                        column: x => x.comparison_id,
                        principalTable: "comparisons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_comparison_rows_nodes_node_id",
                        column: x => x.node_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_comparison_rows_nodes_reference_id",
                        column: x => x.reference_id,
                        principalTable: "nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_comparison_axes_comparison_id_slug",
                table: "comparison_axes",
                columns: new[] { "comparison_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_comparison_rows_comparison_id_node_id",
                table: "comparison_rows",
                columns: new[] { "comparison_id", "node_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_comparison_rows_node_id",
                table: "comparison_rows",
                column: "node_id");

            migrationBuilder.CreateIndex(
                name: "ix_comparison_rows_reference_id",
                table: "comparison_rows",
                column: "reference_id");

            migrationBuilder.CreateIndex(
                name: "ix_comparisons_slug",
                table: "comparisons",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_comparisons_source_reference_id",
                table: "comparisons",
                column: "source_reference_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comparison_axes");

            migrationBuilder.DropTable(
                name: "comparison_rows");

            migrationBuilder.DropTable(
                name: "comparisons");
        }
    }
}
