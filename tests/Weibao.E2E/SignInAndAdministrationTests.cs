using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>The foundation's browser flow: admin signs in, creates an engineer; the engineer signs in and switches to English.</summary>
public sealed class SignInAndAdministrationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_creates_an_engineer_who_signs_in_and_switches_to_english()
    {
        await app.RunAsync(nameof(Admin_creates_an_engineer_who_signs_in_and_switches_to_english), async page =>
        {

            // 1. Any page sends an anonymous visitor to the sign-in page, in Chinese.
            await page.GotoAsync("/");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/account/login"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
            await BrowserApp.ShotAsync(page, "01-sign-in");

            // 2. Admin signs in and lands on the home page.
            await SignInAsync(page, "admin", BrowserApp.AdminPassword);
            await Assertions.Expect(page.Locator("#home-title")).ToContainTextAsync("系统管理员");
            await BrowserApp.ShotAsync(page, "02-admin-home");

            // 3. Admin opens user administration and creates an engineer; a bad field is shown next to it first.
            await page.GotoAsync("/admin/users");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync("engineer");
            await page.ClickAsync("#new-user");
            var dialog = page.Locator(".mud-dialog");
            await dialog.Locator("#user-name").FillAsync("zhang.gong");
            await dialog.Locator("#user-display-name").FillAsync("张工");
            await dialog.Locator("#user-password").FillAsync("weak");
            await dialog.Locator("#user-save").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("密码至少 8 位");
            await BrowserApp.ShotAsync(page, "03-user-field-error");
            await dialog.Locator("#user-password").FillAsync("Zhang#2026");
            await dialog.Locator("#user-save").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync("zhang.gong");
            await BrowserApp.ShotAsync(page, "04-engineer-created");

            // 4. Admin signs out; the engineer signs in.
            await page.ClickAsync("#sign-out");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/account/login"));
            await SignInAsync(page, "zhang.gong", "Zhang#2026");
            await Assertions.Expect(page.Locator("#home-title")).ToContainTextAsync("张工");
            await Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("工程师");
            await BrowserApp.ShotAsync(page, "05-engineer-home");

            // 5. The engineer switches the interface to English.
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#culture-switch");
            await Assertions.Expect(page.Locator("#home-title")).ToContainTextAsync("Hello, 张工");
            await Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("Engineer");
            await Assertions.Expect(page.Locator("#sign-out")).ToContainTextAsync("Sign out");
            await BrowserApp.ShotAsync(page, "06-engineer-english");

            // The engineer may not open administration.
            await page.GotoAsync("/admin/users");
            await Assertions.Expect(page.GetByText("You do not have permission to open this page.")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error()
    {
        await app.RunAsync(nameof(A_wrong_password_shows_an_error), async page =>
        {
            await page.GotoAsync("/account/login");
            await page.ClickAsync("#sign-in");
            await Assertions.Expect(page.Locator("#userName-error")).ToHaveTextAsync("请填写用户名。");
            await Assertions.Expect(page.Locator("#password-error")).ToHaveTextAsync("请填写密码。");
            await SignInAsync(page, "admin", "not-the-password");
            await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误。");
            await BrowserApp.ShotAsync(page, "07-wrong-password");
        });
    }

    [Fact]
    public async Task Admin_adds_an_organisation_and_a_bad_credit_code_is_shown_next_to_its_field()
    {
        await app.RunAsync(nameof(Admin_adds_an_organisation_and_a_bad_credit_code_is_shown_next_to_its_field), async page =>
        {
            await page.GotoAsync("/account/login");
            await SignInAsync(page, "admin", BrowserApp.AdminPassword);
            await page.GotoAsync("/admin/organizations");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#organizations-table")).ToContainTextAsync("河南科技大学");
            await page.ClickAsync("#new-organization");
            var dialog = page.Locator(".mud-dialog");
            await dialog.Locator("#organization-name").FillAsync("北京时代凌宇科技股份有限公司");
            await dialog.Locator("#organization-credit-code").FillAsync("91110105666288389A");
            await dialog.Locator("#organization-save").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("校验码（第 18 位）不正确");
            await BrowserApp.ShotAsync(page, "08-credit-code-error");
            await dialog.Locator("#organization-credit-code").FillAsync("91110105666288389K");
            await dialog.Locator("#organization-save").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#organizations-table")).ToContainTextAsync("91110105666288389K");
            await BrowserApp.ShotAsync(page, "09-organisations");
        });
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }
}
