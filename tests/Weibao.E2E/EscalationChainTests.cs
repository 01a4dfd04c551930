using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>A contract's escalation path (升级路径) in the browser: seed 000's chain shown, edited with field errors, reordered.</summary>
public sealed class EscalationChainTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Manager_sees_the_university_chain_adds_an_external_contact_after_its_errors_and_reorders_a_level()
    {
        await app.RunAsync(nameof(Manager_sees_the_university_chain_adds_an_external_contact_after_its_errors_and_reorders_a_level), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "豫财招标采购-2025-1356" }).ClickAsync();
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "服务承诺", Exact = true }).ClickAsync();

            // Seed 000: 刘工程师 → 李经理 → 王总监 and the manufacturer's hotline.
            var table = page.Locator("#escalation-table");
            await Assertions.Expect(Level(page, 1)).ToContainTextAsync("刘工程师");
            await Assertions.Expect(Level(page, 2)).ToContainTextAsync("李经理");
            await Assertions.Expect(Level(page, 3)).ToContainTextAsync("王总监");
            await Assertions.Expect(Level(page, 3)).ToContainTextAsync("400-650-0439");
            await Assertions.Expect(page.Locator("#escalation-default")).ToHaveCountAsync(0);
            await page.Locator("#escalation-chain").ScrollIntoViewIfNeededAsync();
            await page.WaitForTimeoutAsync(400);
            await Shot(page, "01-chain");

            // An external contact with neither phone nor e-mail, and a staff row with nobody picked: errors at the fields.
            await page.ClickAsync("#edit-escalation");
            await page.ClickAsync("#escalation-2-add-external");
            await page.FillAsync("#escalation-2-1-name", "凌宇二线技术支持");
            await page.ClickAsync("#escalation-3-add-user");
            await page.ClickAsync("#save-escalation");
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(Field(page, "escalation-2-1-email")).ToContainTextAsync("外部联系人须填写电话或电子邮箱");
            await Assertions.Expect(Field(page, "escalation-2-1-phone")).ToContainTextAsync("外部联系人须填写电话或电子邮箱");
            await Assertions.Expect(dialog).ToContainTextAsync("请填写人员");
            await Shot(page, "02-errors");

            await page.FillAsync("#escalation-2-1-email", "not-an-address");
            await page.ClickAsync("#save-escalation");
            await Assertions.Expect(Field(page, "escalation-2-1-email")).ToContainTextAsync("电子邮件地址格式不正确");

            // Fixed: an address; the empty staff row removed; the hotline moved before the director.
            await page.FillAsync("#escalation-2-1-email", "support@lingyu.example.cn");
            await page.FillAsync("#escalation-2-1-phone", "010-12345678");
            await page.ClickAsync("#escalation-3-2-remove");
            await page.ClickAsync("#escalation-3-1-up");
            await Assertions.Expect(page.Locator("#escalation-3-0-name")).ToHaveValueAsync(new Regex("岛津"));
            await Shot(page, "03-dialog");
            await page.ClickAsync("#save-escalation");
            await Assertions.Expect(dialog).ToHaveCountAsync(0);

            await Assertions.Expect(Level(page, 2)).ToContainTextAsync("凌宇二线技术支持");
            await Assertions.Expect(Level(page, 2)).ToContainTextAsync("support@lingyu.example.cn");
            var level3 = await Level(page, 3).Locator(".wb-escalation-contact").AllInnerTextsAsync();
            Assert.Contains("岛津", level3[0], StringComparison.Ordinal);
            Assert.Contains("王总监", level3[1], StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#escalation-updated")).ToContainTextAsync("manager");
            await Assertions.Expect(table).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(400);
            await Shot(page, "04-saved");
        });
    }

    [Fact]
    public async Task A_contract_without_a_chain_shows_the_default_and_its_buyer_reads_without_editing()
    {
        await app.RunAsync(nameof(A_contract_without_a_chain_shows_the_default_and_its_buyer_reads_without_editing), async page =>
        {
            await BrowserApp.SignInAsync(page, "buyer2", "Weibao#2026", "张警官");
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "平谷智慧网格-20260612" }).ClickAsync();
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "服务承诺", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#escalation-default")).ToContainTextAsync("未设置升级路径");
            await Assertions.Expect(Level(page, 2)).ToContainTextAsync("李经理");
            await Assertions.Expect(Level(page, 3)).ToContainTextAsync("王总监");
            await Assertions.Expect(page.Locator("#edit-escalation")).ToHaveCountAsync(0);
            await page.Locator("#escalation-chain").ScrollIntoViewIfNeededAsync();
            await page.WaitForTimeoutAsync(400);
            await Shot(page, "05-buyer-default");
        });
    }

    private static ILocator Level(IPage page, int level) => page.Locator($"#escalation-table tr.wb-escalation-level[data-level='{level}']");

    private static ILocator Field(IPage page, string inputId) =>
        page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"#{inputId}") });

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "75-escalation-" + name);
}
