using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeyIndexKeyFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketIdempotencyKeys_UserId_Key",
                table: "TicketIdempotencyKeys");

            migrationBuilder.CreateIndex(
                name: "IX_TicketIdempotencyKeys_Key_UserId",
                table: "TicketIdempotencyKeys",
                columns: new[] { "Key", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketIdempotencyKeys_Key_UserId",
                table: "TicketIdempotencyKeys");

            migrationBuilder.CreateIndex(
                name: "IX_TicketIdempotencyKeys_UserId_Key",
                table: "TicketIdempotencyKeys",
                columns: new[] { "UserId", "Key" },
                unique: true);
        }
    }
}
