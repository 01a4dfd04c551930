using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InspectionTemplateEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsRetired",
                table: "InspectionTemplates",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "InspectionTemplates",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsRetired",
                table: "InspectionTemplates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "InspectionTemplates");
        }
    }
}
