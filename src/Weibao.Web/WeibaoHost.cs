using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Weibao.Web.Components;
using Weibao.Web.Features.Assets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Calendars;
using Weibao.Web.Features.Callbacks;
using Weibao.Web.Features.Complaints;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Duty;
using Weibao.Web.Features.Escalation;
using Weibao.Web.Features.Inspections;
using Weibao.Web.Features.Loaners;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Features.Organizations;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.SpareParts;
using Weibao.Web.Features.Surveys;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;
using Weibao.Web.Infrastructure.OpenApi;

namespace Weibao.Web;

/// <summary>Composition of the one host: services, then the pipeline and endpoints.</summary>
public static class WeibaoHost
{
    private const string SmartScheme = "Weibao";

    public static WebApplicationBuilder AddWeibao(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddTimeProvider();
        services.AddWeibaoDatabase(configuration);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<SupplierOptions>().BindConfiguration(SupplierOptions.Section);
        services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.Section).ValidateOnStart();
        services.AddSingleton<DisplayClock>();

        // Errors: RFC 9457 everywhere, through one exception handler.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Identity: cookies for the UI, bearer tokens for /api; both carry the same claims.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments("/api")
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WeibaoDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<WeibaoClaimsPrincipalFactory>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole([.. Roles.Staff]))
            .AddPolicy(Policies.ContractEditors, p => p.RequireRole(Roles.Admin, Roles.Director, Roles.Manager))
            .AddPolicy(Policies.InventoryManagers, p => p.RequireRole(Roles.Admin, Roles.Director, Roles.Manager))
            .AddPolicy(Policies.DutyPlanners, p => p.RequireRole(Roles.Admin, Roles.Director, Roles.Manager));
        // Keys live in the database, so every instance reads the others' cookies and tokens.
        services.AddDataProtection().SetApplicationName("Weibao");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));

        // Localisation: zh-CN unless the user picked another language (cookie) or asked (?culture=).
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Pages carry Chinese text as characters, not as &#x...; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // UI.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SecurityStampRevalidatingStateProvider>();
        services.AddScoped<CircuitHandler, DataScopeCircuitHandler>();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);

        // API.
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        // Features.
        services.AddHolidayData();
        services.AddScoped<OperationRunner>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<UserService>();
        services.AddOptions<ContractOptions>().BindConfiguration(ContractOptions.Section);
        services.AddSingleton<ContractCalendar>();
        services.AddScoped<ContractService>();
        services.AddScoped<CalendarFeed>();
        services.AddScoped<SparePartService>();
        services.AddScoped<LoanerService>();
        services.AddScoped<AssetService>();
        services.AddSingleton<SlaCalendarProvider>();
        services.AddSingleton<SlaPolicyCache>();
        services.AddSingleton<ContractIntakeCache>();
        services.AddSingleton<DatabaseWriteGate>();
        services.AddScoped<TicketService>();
        services.AddScoped<TicketAutoAssignment>();
        services.AddSingleton<TicketIntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketIntakeWriter>());
        services.AddScoped<TicketLoans>();
        services.AddScoped<TicketReport>();
        services.AddOptions<EscalationOptions>().BindConfiguration("Escalation");
        // One instance, both the hosted service and what tests call to run a pass.
        services.AddSingleton<TicketEscalationService>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketEscalationService>());
        services.AddScoped<TicketLookupService>();
        services.AddScoped<ComplaintService>();
        services.AddScoped<ComplaintLetter>();
        services.AddOptions<ComplaintOverdueOptions>().BindConfiguration("Complaints");
        services.AddSingleton<ComplaintOverdueService>();
        services.AddHostedService(sp => sp.GetRequiredService<ComplaintOverdueService>());
        services.AddScoped<AssetLabels>();
        services.AddScoped<DutyService>();
        services.AddScoped<AssignmentSuggestions>();
        services.AddScoped<EscalationChainService>();
        services.AddOptions<InspectionOptions>().BindConfiguration(InspectionOptions.Section);
        services.AddSingleton<InspectionGenerator>();
        services.AddHostedService(sp => sp.GetRequiredService<InspectionGenerator>());
        services.AddScoped<InspectionService>();
        services.AddScoped<InspectionTemplateService>();
        services.AddScoped<InspectionReport>();
        services.AddScoped<InspectionCalendarFeed>();
        services.AddScoped<FirstRunSeeder>();
        services.AddNotifications();
        services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.Section);
        services.AddScoped<CallbackService>();
        services.AddSingleton<CallbackGenerator>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackGenerator>());
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section);
        services.AddScoped<SurveyService>();
        services.AddSingleton<SurveyGenerator>();
        services.AddHostedService(sp => sp.GetRequiredService<SurveyGenerator>());
        return builder;
    }

    /// <summary>Migrates, seeds, then wires the pipeline and every endpoint.</summary>
    public static async Task<WebApplication> UseWeibaoAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue(DatabaseOptions.Section + ":" + nameof(DatabaseOptions.MigrateOnStart), true))
        {
            await app.Services.MigrateDatabaseAsync();
        }

        // Load the holiday data now, so a bad administrator file stops start-up with its error.
        var holidays = app.Services.GetRequiredService<Weibao.Domain.Calendars.HolidayArrangements>();
        app.Logger.LogInformation("Holiday data covers {FirstYear}–{LastYear}", holidays.FirstYear, holidays.LastYear);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await scope.ServiceProvider.GetRequiredService<FirstRunSeeder>().SeedAsync();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Localization.DefaultCulture)
                .AddSupportedCultures(Localization.SupportedCultures)
                .AddSupportedUICultures(Localization.SupportedCultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // Identity reads users while authenticating (cookie security stamps), so a request starts as
        // anonymous and is narrowed to its user right after; contexts read the scope at query time.
        app.Use(SetDataScopeAsync);
        app.UseAuthentication();
        app.Use(SetDataScopeAsync);
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Weibao API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapAuthEndpoints();
        api.MapOrganizationEndpoints();
        api.MapUserEndpoints();
        api.MapContractEndpoints();
        api.MapSparePartEndpoints();
        api.MapLoanerEndpoints();
        api.MapAssetEndpoints();
        api.MapTicketEndpoints();
        app.MapAssetLabelEndpoints(api);
        api.MapNotificationEndpoints();
        api.MapDutyEndpoints();
        api.MapEscalationChainEndpoints();
        api.MapCallbackEndpoints();
        api.MapSurveyEndpoints();
        api.MapComplaintEndpoints();
        api.MapInspectionEndpoints();
        app.MapContractFileEndpoints();
        app.MapInspectionFileEndpoints();
        app.MapAssetFileEndpoints();
        app.MapTicketFileEndpoints();
        app.MapComplaintFileEndpoints();
        app.MapAccountEndpoints();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task SetDataScopeAsync(HttpContext context, RequestDelegate next)
    {
        context.RequestServices.GetRequiredService<DataScope>().SetFrom(context.User);
        return next(context);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
