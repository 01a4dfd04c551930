using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContractId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RespondentName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    RespondentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DueBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surveys_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Surveys_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_BuyerOrganizationId_State",
                table: "Surveys",
                columns: new[] { "BuyerOrganizationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_ContractId_AnsweredAt",
                table: "Surveys",
                columns: new[] { "ContractId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_ContractId_PeriodStart",
                table: "Surveys",
                columns: new[] { "ContractId", "PeriodStart" },
                unique: true,
                filter: "\"PeriodStart\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_State_DueBy",
                table: "Surveys",
                columns: new[] { "State", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_TicketId",
                table: "Surveys",
                column: "TicketId",
                unique: true,
                filter: "\"TicketId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surveys");
        }
    }
}
