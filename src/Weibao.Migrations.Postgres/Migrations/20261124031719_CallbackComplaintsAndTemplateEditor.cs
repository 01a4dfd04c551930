using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CallbackComplaintsAndTemplateEditor : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "CallbackTaskId",
                table: "Complaints",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ComplaintId",
                table: "CallbackTasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComplaintNumber",
                table: "CallbackTasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CallbackTaskId",
                table: "Complaints",
                column: "CallbackTaskId",
                unique: true,
                filter: "\"CallbackTaskId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_ComplaintId",
                table: "CallbackTasks",
                column: "ComplaintId");

            migrationBuilder.AddForeignKey(
                name: "FK_Complaints_CallbackTasks_CallbackTaskId",
                table: "Complaints",
                column: "CallbackTaskId",
                principalTable: "CallbackTasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Complaints_CallbackTasks_CallbackTaskId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CallbackTaskId",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_CallbackTasks_ComplaintId",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "IsRetired",
                table: "InspectionTemplates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "InspectionTemplates");

            migrationBuilder.DropColumn(
                name: "CallbackTaskId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ComplaintId",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "ComplaintNumber",
                table: "CallbackTasks");
        }
    }
}
