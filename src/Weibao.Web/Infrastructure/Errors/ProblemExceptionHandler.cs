using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Weibao.Domain;

namespace Weibao.Web.Infrastructure.Errors;

/// <summary>
/// The one place exceptions become RFC 9457 problem details. Known business errors keep their
/// message; anything else is a 500 with a trace id and no stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(v.Errors.ToDictionary()) { Status = 400, Title = "One or more fields are invalid." },
            Features.Assets.AssetImportFailedException i => new HttpValidationProblemDetails(i.Errors)
            {
                Status = 400,
                Title = "The file has bad rows; nothing was imported.",
                Extensions = { ["rows"] = i.Rows },
            },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "The request could not be read.", Detail = b.Message },
            NotFoundException n => new ProblemDetails { Status = 404, Title = "Not found.", Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = 403, Title = "Forbidden.", Detail = f.Message },
            ConflictException c => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = c.Message },
            DomainException d => new ProblemDetails { Status = 400, Title = "The request breaks a business rule.", Detail = d.Message },
            _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred." },
        };

        if (problem.Status == 500)
        {
            LogUnhandled(logger, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
