using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Keeps Data Protection keys in the database so every instance can read the others' cookies and
/// tokens. Key-ring reads happen outside any request, so it acts as the system.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml))
            .Select(xml => XElement.Parse(xml!))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
