using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weibao.Web.Features.Notifications;

/// <summary>One HTTP POST to a webhook: where, the JSON body, and extra headers.</summary>
public sealed record WebhookRequest(Uri Url, string Json, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>
/// The body each webhook format expects, and its signing. Formats as documented by the robots:
/// <list type="bullet">
/// <item>Json: <c>{"id","event","subject","text","link","occurredAt"}</c>; with a secret, headers
/// <c>X-Weibao-Timestamp</c> (Unix seconds) and <c>X-Weibao-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>.</item>
/// <item>企业微信 group robot: <c>{"msgtype":"markdown","markdown":{"content"}}</c>, content at most 4,096 bytes.</item>
/// <item>钉钉 custom robot: <c>{"msgtype":"markdown","markdown":{"title","text"}}</c>; with a secret (加签), the URL gets
/// <c>timestamp</c> (ms) and <c>sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)))</c>.</item>
/// <item>飞书 custom bot: <c>{"msg_type":"text","content":{"text"}}</c>; with a secret (签名校验), the body gets
/// <c>timestamp</c> (s) and <c>sign = base64(HMAC-SHA256(key: timestamp + "\n" + secret, message: empty))</c>.</item>
/// </list>
/// </summary>
public static class WebhookPayloads
{
    /// <summary>企业微信 refuses markdown content over 4,096 bytes.</summary>
    public const int WeComMaxBytes = 4096;

    /// <summary>钉钉 and 飞书 accept more, but a chat message is read on a phone: keep it to the same size.</summary>
    public const int RobotMaxBytes = 4096;

    private static readonly JsonSerializerOptions Json = new()
    {
        // Chinese stays readable in the body; robots parse either form.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <param name="subscription">Where to and in which format.</param>
    /// <param name="notification">What to say.</param>
    /// <param name="link">The notification's link made absolute (or the bare path, or null).</param>
    /// <param name="viewLabel">"查看详情", the link's text.</param>
    /// <param name="now">When the request is made: signatures carry it.</param>
    public static WebhookRequest Build(WebhookSubscription subscription, Notification notification, string? link, string viewLabel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(notification);
        var url = new Uri(subscription.Url, UriKind.Absolute);
        var secret = string.IsNullOrWhiteSpace(subscription.Secret) ? null : subscription.Secret.Trim();
        var headers = new List<KeyValuePair<string, string>>();
        JsonObject body;
        switch (subscription.Format)
        {
            case WebhookFormat.WeCom:
                body = new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["content"] = Markdown(notification, link, viewLabel, "**" + notification.Subject + "**\n", "\n", WeComMaxBytes) },
                };
                break;
            case WebhookFormat.DingTalk:
                body = new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject
                    {
                        ["title"] = notification.Subject,
                        // 钉钉's markdown needs a blank line for a line break.
                        ["text"] = Markdown(notification, link, viewLabel, "#### " + notification.Subject + "\n\n", "\n\n", RobotMaxBytes),
                    },
                };
                if (secret is not null)
                {
                    var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    var sign = Uri.EscapeDataString(Convert.ToBase64String(HmacSha256(secret, timestamp + "\n" + secret)));
                    url = new Uri(url.AbsoluteUri + (url.Query.Length > 0 ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign);
                }

                break;
            case WebhookFormat.Feishu:
                body = [];
                if (secret is not null)
                {
                    var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    body["timestamp"] = timestamp;
                    body["sign"] = Convert.ToBase64String(HmacSha256(timestamp + "\n" + secret, string.Empty));
                }

                body["msg_type"] = "text";
                body["content"] = new JsonObject { ["text"] = PlainText(notification, link, viewLabel, RobotMaxBytes) };
                break;
            default:
                body = new JsonObject
                {
                    ["id"] = notification.Id,
                    ["event"] = notification.Kind,
                    ["subject"] = notification.Subject,
                    ["text"] = notification.Body,
                    ["link"] = link,
                    ["occurredAt"] = DateTime.SpecifyKind(notification.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                };
                break;
        }

        var json = body.ToJsonString(Json);
        if (subscription.Format == WebhookFormat.Json && secret is not null)
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers.Add(new("X-Weibao-Timestamp", timestamp));
            headers.Add(new("X-Weibao-Signature", "sha256=" + Convert.ToHexStringLower(HmacSha256(secret, timestamp + "." + json))));
        }

        return new WebhookRequest(url, json, headers);
    }

    /// <summary>
    /// Whether a 2xx response is a success: generic JSON receivers need say nothing; 企业微信 and 钉钉 answer
    /// <c>{"errcode":0}</c>, 飞书 <c>{"code":0}</c> (older bots <c>{"StatusCode":0}</c>). Returns the error otherwise.
    /// </summary>
    public static string? RobotError(WebhookFormat format, string responseBody)
    {
        if (format == WebhookFormat.Json)
        {
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(responseBody) ? "null" : responseBody);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "The robot did not answer with JSON: " + Excerpt(responseBody);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The robot did not answer with a JSON object: " + Excerpt(responseBody);
        }

        string[] codeNames = format == WebhookFormat.Feishu ? ["code", "StatusCode"] : ["errcode"];
        foreach (var name in codeNames)
        {
            if (root.TryGetProperty(name, out var code) && code.ValueKind == JsonValueKind.Number)
            {
                return code.GetInt64() == 0 ? null : $"The robot refused the message: {Excerpt(responseBody)}";
            }
        }

        return "The robot's answer has no result code: " + Excerpt(responseBody);
    }

    internal static string Excerpt(string? text)
    {
        text = (text ?? string.Empty).ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
    }

    private static string Markdown(Notification n, string? link, string viewLabel, string heading, string lineBreak, int maxBytes)
    {
        var tail = link is null ? string.Empty : lineBreak + "[" + viewLabel + "](" + link + ")";
        var budget = maxBytes - Encoding.UTF8.GetByteCount(heading) - Encoding.UTF8.GetByteCount(tail);
        var text = n.Body.ReplaceLineEndings("\n").Replace("\n", lineBreak, StringComparison.Ordinal);
        return heading + CutBytes(text, budget) + tail;
    }

    private static string PlainText(Notification n, string? link, string viewLabel, int maxBytes)
    {
        var heading = n.Subject + "\n";
        var tail = link is null ? string.Empty : "\n" + viewLabel + "：" + link;
        return heading + CutBytes(n.Body, maxBytes - Encoding.UTF8.GetByteCount(heading) - Encoding.UTF8.GetByteCount(tail)) + tail;
    }

    /// <summary>Cuts at a character boundary so the UTF-8 form has at most <paramref name="maxBytes"/> bytes.</summary>
    private static string CutBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        const string ellipsis = "…";
        var budget = Math.Max(0, maxBytes - Encoding.UTF8.GetByteCount(ellipsis));
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        return builder + ellipsis;
    }

    private static byte[] HmacSha256(string key, string message) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message));
}
