using System.Globalization;
using System.Resources;

namespace Weibao.Web.Tests;

public class LocalizationTests
{
    [Fact]
    public void Every_string_has_both_languages()
    {
        var manager = new ResourceManager("Weibao.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var chinese = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = manager.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var zhKeys = chinese.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var enKeys = english.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        Assert.True(zhKeys.Count > 50);
        Assert.Empty(zhKeys.Except(enKeys));
        Assert.Empty(enKeys.Except(zhKeys));
    }

    [Fact]
    public void Every_credit_code_error_has_a_message()
    {
        var manager = new ResourceManager("Weibao.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        foreach (var error in Enum.GetNames<Domain.Organizations.CreditCodeError>())
        {
            Assert.False(string.IsNullOrEmpty(manager.GetString("CreditCode." + error, CultureInfo.InvariantCulture)), error);
        }
    }
}
