using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostTraining.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceDoiAndTruncatedAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "authors_truncated",
                table: "nodes",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "doi",
                table: "nodes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_nodes_doi",
                table: "nodes",
                column: "doi",
                filter: "doi IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_nodes_doi",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "authors_truncated",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "doi",
                table: "nodes");
        }
    }
}
