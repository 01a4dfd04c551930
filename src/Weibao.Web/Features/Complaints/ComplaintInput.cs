using Microsoft.Extensions.Localization;
using Weibao.Domain.Complaints;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Complaints;

/// <summary>A complaint as typed (the new-complaint dialog and <c>POST /api/v1/complaints</c>).</summary>
public sealed class ComplaintInput
{
    public const int NameMax = 50;
    public const int PhoneMax = 30;
    public const int OrganizationMax = 200;
    public const int SubjectMax = 200;
    public const int TextMax = 4000;

    public long? ContractId { get; set; }

    /// <summary>phone, portal, email, letter or callback; a buyer user's complaint is always portal.</summary>
    public ComplaintChannel? Channel { get; set; }

    public string? ComplainantName { get; set; }

    public string? ComplainantPhone { get; set; }

    /// <summary>To whom the written answer is addressed; the contract's buyer when absent.</summary>
    public string? ComplainantOrganization { get; set; }

    public string? Subject { get; set; }

    public string? Description { get; set; }

    /// <summary>The ticket complained about (of the same contract), if any.</summary>
    public long? TicketId { get; set; }

    /// <summary>The engineer complained about (a staff user), if any.</summary>
    public string? EngineerUserId { get; set; }

    /// <summary>When the complaint reached the supplier; now when absent.</summary>
    public DateTime? ReceivedAt { get; set; }

    /// <summary>The written answer's deadline; 7 calendar days after receipt when absent (seed 002).</summary>
    public DateTime? AnswerDueAt { get; set; }

    /// <summary>Checks the form's fields (lengths, required); the service checks the references, the domain the rest.</summary>
    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (ContractId is null)
        {
            errors.Add("contractId", l["Validation.Required", l["Complaint.Contract"]]);
        }

        if (Channel is { } channel && !Enum.IsDefined(channel))
        {
            errors.Add("channel", l["Validation.Required", l["Complaint.Channel"]]);
        }

        ContractInput.Text(errors, l, "complainantName", ComplainantName, "Complaint.ComplainantName", NameMax, required: true);
        ContractInput.Text(errors, l, "complainantPhone", ComplainantPhone, "Complaint.ComplainantPhone", PhoneMax);
        if (!string.IsNullOrWhiteSpace(ComplainantPhone) && !ComplainantPhone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'))
        {
            errors.Add("complainantPhone", l["Validation.Phone"]);
        }

        ContractInput.Text(errors, l, "complainantOrganization", ComplainantOrganization, "Complaint.ComplainantOrganization", OrganizationMax);
        ContractInput.Text(errors, l, "subject", Subject, "Complaint.Subject", SubjectMax, required: true);
        ContractInput.Text(errors, l, "description", Description, "Complaint.Description", TextMax, required: true);
    }
}

/// <summary>One step: <c>startInvestigation</c>, <c>answer</c> (answer, findings, correctiveAction), <c>close</c>, <c>reopen</c> (note required).</summary>
public sealed class ComplaintTransitionInput
{
    public ComplaintAction? Action { get; set; }

    public string? Note { get; set; }

    /// <summary>The written answer (书面答复), for <c>answer</c>.</summary>
    public string? Answer { get; set; }

    /// <summary>调查结果, for <c>answer</c>.</summary>
    public string? Findings { get; set; }

    /// <summary>整改措施, for <c>answer</c>.</summary>
    public string? CorrectiveAction { get; set; }

    /// <summary>The version the client saw; a stale one is a 409. Absent: the step applies to the complaint as it is now.</summary>
    public int? Version { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (Action is not { } action || !Enum.IsDefined(action))
        {
            errors.Add("action", l["Validation.Required", l["Complaint.Action"]]);
        }

        ContractInput.Text(errors, l, "note", Note, "Complaint.Note", ComplaintInput.TextMax);
        ContractInput.Text(errors, l, "answer", Answer, "Complaint.Answer", ComplaintInput.TextMax, required: Action == ComplaintAction.Answer);
        ContractInput.Text(errors, l, "findings", Findings, "Complaint.Findings", ComplaintInput.TextMax, required: Action == ComplaintAction.Answer);
        ContractInput.Text(errors, l, "correctiveAction", CorrectiveAction, "Complaint.CorrectiveAction", ComplaintInput.TextMax);
        if (Action == ComplaintAction.Reopen && string.IsNullOrWhiteSpace(Note))
        {
            errors.Add("note", l["Complaint.ReopenReasonRequired"]);
        }
    }
}
