using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>Assets in the browser: an import that saves nothing until every row is right, labels, export, generation, editing, and a buyer's view.</summary>
public sealed class AssetTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Weibao#2026";
    private const string PoliceContract = "平谷智慧网格-20260612";
    private const string UniversityContract = "豫财招标采购-2025-1356";

    [Fact]
    public async Task Manager_imports_a_file_with_errors_fixes_it_and_prints_labels()
    {
        await app.RunAsync(nameof(Manager_imports_a_file_with_errors_fixes_it_and_prints_labels), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", Password, "李经理");
            await page.ClickAsync("#nav-assets");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/assets$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#import-assets");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/assets/import$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            var template = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-template"));
            Assert.Equal("设备导入模板.xlsx", template.SuggestedFilename);

            // Three rows: row 3 repeats row 2's serial on the same line, row 4 has a date that does not exist.
            var folder = Directory.CreateTempSubdirectory("weibao-e2e-assets-").FullName;
            var file = Path.Combine(folder, "设备导入.csv");
            try
            {
                await File.WriteAllTextAsync(file, Csv(("E2E-0001", 1, "E2E-SN-0001", "2026-09-01"), ("E2E-0002", 1, "E2E-SN-0001", "2026-09-02"), ("E2E-0003", 2, "E2E-SN-0003", "2026-13-45")), Encoding.UTF8);
                await page.Locator("input[type=file]").SetInputFilesAsync(file);
                await Assertions.Expect(page.Locator("#import-failed")).ToContainTextAsync("有 2 行存在问题");
                await Assertions.Expect(page.Locator("#import-failed")).ToContainTextAsync("未保存任何数据");
                var errors = page.Locator("#import-errors tbody tr");
                await Assertions.Expect(errors).ToHaveCountAsync(2);
                await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("3");
                await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("序列号");
                await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("“E2E-SN-0001”与第 2 行重复");
                await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("4");
                await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("安装日期");
                await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("2026-13-45");
                await BrowserApp.ShotAsync(page, "50-asset-import-errors");

                // Nothing of the file was saved.
                await page.GotoAsync("/assets?search=E2E-");
                await BrowserApp.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator("#assets-table")).ToContainTextAsync("没有符合条件的设备");

                // The corrected file goes in whole.
                await page.GotoAsync("/assets/import");
                await BrowserApp.WaitForInteractiveAsync(page);
                await File.WriteAllTextAsync(file, Csv(("E2E-0001", 1, "E2E-SN-0001", "2026-09-01"), ("E2E-0002", 1, "E2E-SN-0002", "2026-09-02"), ("E2E-0003", 2, "E2E-SN-0003", "2026-09-13")), Encoding.UTF8);
                await page.Locator("input[type=file]").SetInputFilesAsync(file);
                await Assertions.Expect(page.Locator("#import-success")).ToContainTextAsync("导入 3 台设备");
                await BrowserApp.ShotAsync(page, "51-asset-import-success");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            // The success message links to the contract's assets; the search narrows them to the imported ones.
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"查看合同 {PoliceContract} 的设备" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/assets\?contractId=\d+$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#asset-contract")).ToHaveValueAsync(PoliceContract);
            await page.FillAsync("#asset-search", "E2E-");
            // The search applies after a pause in typing; the export link then carries it.
            await Assertions.Expect(page.Locator("#export-assets")).ToHaveAttributeAsync("href", new Regex(@"^/files/assets/export\.xlsx\?search=E2E-&contractId=\d+$"));
            var rows = page.Locator("#assets-table tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("E2E-0001");
            await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Q9A");
            await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("平谷分局");

            // Export gives the filtered list.
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-assets"));
            Assert.Equal("设备清单.xlsx", download.SuggestedFilename);
            Assert.Contains("search=E2E-", download.Url, StringComparison.Ordinal);

            // Two rows selected: the label sheet is for those two.
            await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
            await rows.Nth(2).Locator("input[type=checkbox]").CheckAsync();
            await Assertions.Expect(page.Locator("#print-labels")).ToContainTextAsync("打印所选标签（2）");
            await Assertions.Expect(page.Locator("#print-labels")).ToHaveAttributeAsync("href", new Regex(@"^/files/assets/labels\.pdf\?ids=\d+&ids=\d+$"));
            await BrowserApp.ShotAsync(page, "52-assets-selected");
            // The sheet opens in a new tab, whose response the browser context sees (headless Chromium may save a PDF rather than show it).
            var response = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Context.Response += (_, r) =>
            {
                if (r.Url.Contains("/files/assets/labels.pdf", StringComparison.Ordinal))
                {
                    response.TrySetResult(r);
                }
            };
            await page.ClickAsync("#print-labels");
            var labels = await response.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(200, labels.Status);
            Assert.StartsWith("application/pdf", labels.Headers["content-type"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Manager_generates_a_lines_units_and_a_buyer_sees_only_its_own()
    {
        await app.RunAsync(nameof(Manager_generates_a_lines_units_and_a_buyer_sees_only_its_own), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", Password, "李经理");

            // The university contract's SPR instrument: one unit, numbered by the default pattern.
            await OpenContractAsync(page, UniversityContract);
            await OpenTabAsync(page, "货物清单");
            await page.ClickAsync("#generate-assets");
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog.Locator("#generate-preview")).ToContainTextAsync($"{UniversityContract}-1-0001");
            await BrowserApp.ShotAsync(page, "53-generate-dialog");
            await dialog.Locator("#save-generate").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#contract-assets-count")).ToContainTextAsync("已登记设备 1 台");

            // Three of the police contract's collection stations, with a pattern of the user's own.
            await OpenContractAsync(page, PoliceContract);
            await OpenTabAsync(page, "货物清单");
            await page.ClickAsync("#generate-assets");
            await SelectAsync(page, "generate-line", "第 3 行", exact: false);
            await dialog.Locator("#generate-count").FillAsync("3");
            await dialog.Locator("#generate-code").FillAsync("PG");
            await dialog.Locator("#generate-pattern").FillAsync("{code}-ZCS-{00000}");
            await Assertions.Expect(dialog.Locator("#generate-preview")).ToContainTextAsync("PG-ZCS-00001 … PG-ZCS-00003");
            await dialog.Locator("#save-generate").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            // A repair of the university unit moves its warranty (seed 000: 原货物修复后的质保期限相应延长).
            await page.GotoAsync("/assets?search=" + Uri.EscapeDataString(UniversityContract + "-1-0001"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = UniversityContract + "-1-0001" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/assets/\d+$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#warranty-ends-on")).ToHaveTextAsync("2029-02-26");
            await page.ClickAsync("#record-repair");
            await FillDateAsync(page, "repair-from", "2026-11-10");
            await FillDateAsync(page, "repair-to", "2026-11-01");
            await dialog.Locator("#save-repair").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("结束日期不能早于开始日期");
            await BrowserApp.ShotAsync(page, "54-repair-error");
            await FillDateAsync(page, "repair-to", "2026-11-14");
            await dialog.Locator("#repair-reference").FillAsync("WB-2026-000123");
            await dialog.Locator("#save-repair").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#warranty-ends-on")).ToHaveTextAsync("2029-03-03");
            await Assertions.Expect(page.Locator("#warranty-extensions")).ToContainTextAsync("WB-2026-000123");
            await Assertions.Expect(page.Locator("#asset-history")).ToContainTextAsync("维修");
            await BrowserApp.ShotAsync(page, "55-asset-detail");

            // The buyer (河南科技大学) sees its unit, not the police bureau's, and may not import.
            var buyer = await app.NewPageAsync();
            await BrowserApp.SignInAsync(buyer, "buyer", Password, "何老师");
            await buyer.ClickAsync("#nav-assets");
            await Assertions.Expect(buyer).ToHaveURLAsync(new Regex(@"/assets$"));
            await BrowserApp.WaitForInteractiveAsync(buyer);
            await Assertions.Expect(buyer.Locator("#assets-table")).ToContainTextAsync(UniversityContract + "-1-0001");
            await Assertions.Expect(buyer.Locator("#assets-table")).Not.ToContainTextAsync("PG-ZCS-");
            await Assertions.Expect(buyer.Locator("#assets-table")).Not.ToContainTextAsync(PoliceContract);
            await Assertions.Expect(buyer.Locator("#import-assets")).ToHaveCountAsync(0);
            await Assertions.Expect(buyer.Locator("#export-assets")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(buyer, "56-buyer-assets");
            await buyer.GotoAsync("/assets/import");
            await Assertions.Expect(buyer.GetByText("您没有权限访问此页面。")).ToBeVisibleAsync();
            await OpenContractAsync(buyer, UniversityContract);
            await OpenTabAsync(buyer, "货物清单");
            await Assertions.Expect(buyer.Locator("#contract-assets-count")).ToContainTextAsync("已登记设备 1 台");
            await Assertions.Expect(buyer.Locator("#generate-assets")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Manager_edits_an_assets_status_and_room_and_sees_both_in_its_history()
    {
        await app.RunAsync(nameof(Manager_edits_an_assets_status_and_room_and_sees_both_in_its_history), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", Password, "李经理");
            var folder = Directory.CreateTempSubdirectory("weibao-e2e-asset-edit-").FullName;
            try
            {
                var file = Path.Combine(folder, "设备.csv");
                await File.WriteAllTextAsync(file, Csv(("EDIT-0001", 2, "EDIT-SN-0001", "2026-09-01")), Encoding.UTF8);
                await page.GotoAsync("/assets/import");
                await BrowserApp.WaitForInteractiveAsync(page);
                await page.Locator("input[type=file]").SetInputFilesAsync(file);
                await Assertions.Expect(page.Locator("#import-success")).ToContainTextAsync("导入 1 台设备");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            await page.GotoAsync("/assets?search=EDIT-0001");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "EDIT-0001" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/assets/\d+$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#asset-status")).ToHaveTextAsync("在用");

            await page.ClickAsync("#edit-asset");
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog.Locator("#asset-edit-tag")).ToHaveValueAsync("EDIT-0001");
            await Assertions.Expect(dialog.Locator("#asset-edit-site")).ToHaveValueAsync("平谷分局");
            await SelectAsync(page, "asset-edit-status", "维修中");
            await dialog.Locator("#asset-edit-room").FillAsync("402");
            await dialog.Locator("#save-asset").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            await Assertions.Expect(page.Locator("#asset-status")).ToHaveTextAsync("维修中");
            await Assertions.Expect(page.Locator("#asset-place")).ToContainTextAsync("402");
            var history = page.Locator("#asset-history");
            await Assertions.Expect(history).ToContainTextAsync("状态变更");
            await Assertions.Expect(history).ToContainTextAsync("在用 → 维修中");
            await Assertions.Expect(history).ToContainTextAsync("位置变更");
            await Assertions.Expect(history).ToContainTextAsync("平谷分局 指挥中心 402");
            await BrowserApp.ShotAsync(page, "57-asset-edited");

            // Labels for a filter that matches nothing: a message, not a tab with an error.
            await page.GotoAsync("/assets?search=NO-SUCH-ASSET");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#assets-table")).ToContainTextAsync("没有符合条件的设备");
            await page.ClickAsync("#print-labels");
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("当前筛选没有设备");
            Assert.Single(page.Context.Pages);
        });
    }

    /// <summary>An import file in the template's Chinese headers.</summary>
    private static string Csv(params (string Tag, int Line, string Serial, string InstalledOn)[] rows)
    {
        var text = new StringBuilder("资产编号,合同编号,合同行号,序列号,站点,楼宇,房间,使用部门,保管人,安装日期\n");
        foreach (var (tag, line, serial, installedOn) in rows)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{tag},{PoliceContract},{line},{serial},平谷分局,指挥中心,30{line},网格办,张警官,{installedOn}\n");
        }

        return text.ToString();
    }


    private static async Task OpenContractAsync(IPage page, string number)
    {
        await page.GotoAsync("/contracts?search=" + Uri.EscapeDataString(number));
        await BrowserApp.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = number }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
        await BrowserApp.WaitForInteractiveAsync(page);
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name, Exact = true });
        await tab.ClickAsync();
        await Assertions.Expect(tab).ToHaveClassAsync(new Regex("mud-tab-active"));
        await page.WaitForTimeoutAsync(400);
    }

    /// <summary>Opens a MudSelect by its input id and picks the option with the given text (or starting with it).</summary>
    private static async Task SelectAsync(IPage page, string inputId, string option, bool exact = true)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        var text = new Regex("^\\s*" + Regex.Escape(option) + (exact ? "\\s*$" : string.Empty));
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task FillDateAsync(IPage page, string inputId, string date)
    {
        await page.FillAsync($"#{inputId}", date);
        await page.PressAsync($"#{inputId}", "Enter");
        await page.Keyboard.PressAsync("Escape");
    }
}
