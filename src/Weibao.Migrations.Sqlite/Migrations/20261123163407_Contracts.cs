using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarFeedToken",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contracts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProcurementNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SupplierOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisputeVenue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WarrantyEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MaintenanceEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    BuyerParty_Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    BuyerParty_BankAccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BuyerParty_BankAccountNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    BuyerParty_BankName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BuyerParty_ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BuyerParty_ContactPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    BuyerParty_Representative = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SupplierParty_Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SupplierParty_BankAccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SupplierParty_BankAccountNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SupplierParty_BankName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SupplierParty_ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SupplierParty_ContactPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SupplierParty_Representative = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contracts_Organizations_BuyerOrganizationId",
                        column: x => x.BuyerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Contracts_Organizations_SupplierOrganizationId",
                        column: x => x.SupplierOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContractDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractDocuments_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: true),
                    MilestoneSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    QuantitiesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractEvents_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Brand = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractLines_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractDocumentContents",
                columns: table => new
                {
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractDocumentContents", x => x.DocumentId);
                    table.ForeignKey(
                        name: "FK_ContractDocumentContents_ContractDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "ContractDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CalendarFeedToken",
                table: "AspNetUsers",
                column: "CalendarFeedToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractDocuments_ContractId",
                table: "ContractDocuments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvents_ContractId_OccurredOn",
                table: "ContractEvents",
                columns: new[] { "ContractId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractLines_ContractId_LineNumber",
                table: "ContractLines",
                columns: new[] { "ContractId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractLines_Model",
                table: "ContractLines",
                column: "Model");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_BuyerOrganizationId_Status",
                table: "Contracts",
                columns: new[] { "BuyerOrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_ContractNumber",
                table: "Contracts",
                column: "ContractNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SupplierOrganizationId",
                table: "Contracts",
                column: "SupplierOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_WarrantyEndsOn",
                table: "Contracts",
                column: "WarrantyEndsOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractDocumentContents");

            migrationBuilder.DropTable(
                name: "ContractEvents");

            migrationBuilder.DropTable(
                name: "ContractLines");

            migrationBuilder.DropTable(
                name: "ContractDocuments");

            migrationBuilder.DropTable(
                name: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CalendarFeedToken",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CalendarFeedToken",
                table: "AspNetUsers");
        }
    }
}
