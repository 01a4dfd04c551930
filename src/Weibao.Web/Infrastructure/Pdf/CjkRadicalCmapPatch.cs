using System.Buffers.Binary;

namespace Weibao.Web.Infrastructure.Pdf;

/// <summary>
/// Unmaps the CJK radical code points (U+2E80–U+2FDF: ⼯ ⽬ ⻚ …) from a TrueType font's character map, in place.
/// <para>
/// Noto Sans SC draws 工 (U+5DE5) and the Kangxi radical ⼯ (U+2F2F) with the same glyph. Skia's PDF backend names each
/// glyph in the PDF's text layer (its ToUnicode map) by the lowest code point that maps to it, which is the radical; so
/// pdftotext, copy and paste and a PDF viewer's search read 工单 as ⼯单 and 第 1 页 as 第 1 ⻚. With the radicals unmapped,
/// each such glyph has only its ordinary character left. Nobody types radicals in tickets or contracts; if one were
/// drawn, it would show as a missing glyph.
/// </para>
/// <para>
/// The glyphs of the radicals' mappings are pointed past the font's last glyph, which FreeType (what Skia uses on Linux)
/// treats as unmapped, so the tables keep their size and order: format 12 groups get an out-of-range start glyph,
/// format 4 segments an out-of-range delta or zeroed glyph-array entries.
/// </para>
/// </summary>
public static class CjkRadicalCmapPatch
{
    public const int First = 0x2E80;
    public const int Last = 0x2FDF;

    /// <summary>Patches <paramref name="font"/> (a TrueType/OpenType file) in place; returns how many mappings it removed.</summary>
    public static int Apply(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        var span = font.AsSpan();
        if (!TryFindTable(span, "cmap"u8, out var cmap) || !TryFindTable(span, "maxp"u8, out var maxp))
        {
            return 0;
        }

        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(span[(maxp + 4)..]);
        var subtables = BinaryPrimitives.ReadUInt16BigEndian(span[(cmap + 2)..]);
        var done = new HashSet<int>();
        var removed = 0;
        for (var i = 0; i < subtables; i++)
        {
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(span[(cmap + 4 + (8 * i) + 4)..]);
            if (!done.Add(offset))
            {
                continue; // several encodings share one subtable
            }

            removed += BinaryPrimitives.ReadUInt16BigEndian(span[offset..]) switch
            {
                12 => PatchFormat12(span, offset),
                4 => PatchFormat4(span, offset, glyphCount),
                _ => 0,
            };
        }

        return removed;
    }

    private static int PatchFormat12(Span<byte> span, int offset)
    {
        var groups = BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 12)..]);
        var removed = 0;
        for (var g = 0; g < groups; g++)
        {
            var group = span[(offset + 16 + (12 * g))..];
            var start = BinaryPrimitives.ReadUInt32BigEndian(group);
            var end = BinaryPrimitives.ReadUInt32BigEndian(group[4..]);
            if (start >= First && end <= Last)
            {
                // Glyph ids are 32-bit here and a font has at most 65,535 glyphs: every id of the group is out of range.
                BinaryPrimitives.WriteUInt32BigEndian(group[8..], 0x00FF_0000);
                removed += (int)(end - start + 1);
            }
        }

        return removed;
    }

    private static int PatchFormat4(Span<byte> span, int offset, int glyphCount)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 6)..]) / 2;
        var ends = offset + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        var removed = 0;
        for (var s = 0; s < segments; s++)
        {
            int end = BinaryPrimitives.ReadUInt16BigEndian(span[(ends + (2 * s))..]);
            int start = BinaryPrimitives.ReadUInt16BigEndian(span[(starts + (2 * s))..]);
            if (end < First || start > Last)
            {
                continue;
            }

            var rangeOffsetAt = rangeOffsets + (2 * s);
            int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(span[rangeOffsetAt..]);
            if (rangeOffset == 0)
            {
                // glyph = (code + delta) mod 65536: place the whole segment at the top of the range, past the last glyph.
                if (start >= First && end <= Last && 0xFFFF - (end - start) >= glyphCount)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(span[(deltas + (2 * s))..], (ushort)((0xFFFF - end) & 0xFFFF));
                    removed += end - start + 1;
                }

                continue;
            }

            for (var code = Math.Max(start, First); code <= Math.Min(end, Last); code++)
            {
                var at = rangeOffsetAt + rangeOffset + (2 * (code - start));
                if (BinaryPrimitives.ReadUInt16BigEndian(span[at..]) != 0)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(span[at..], 0);
                    removed++;
                }
            }
        }

        return removed;
    }

    private static bool TryFindTable(ReadOnlySpan<byte> font, ReadOnlySpan<byte> tag, out int offset)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var i = 0; i < tables; i++)
        {
            var record = font[(12 + (16 * i))..];
            if (record[..4].SequenceEqual(tag))
            {
                offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                return true;
            }
        }

        offset = 0;
        return false;
    }
}
