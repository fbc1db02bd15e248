using System.Text.RegularExpressions;

namespace Archive.Import;

/// <summary>
/// Removes web-page chrome (share buttons, font-size switches, related-links boxes, site banners, contact
/// footers, licence boilerplate) from a report's lines. It is conservative: a line goes only when it is chrome
/// by its pattern or by its position, and every removed line is returned so the report can list it.
/// </summary>
public static partial class ChromeStripper
{
    // How far from the top a line may be to count as the page's banner or metadata line.
    private const int HeadLines = 6;

    // How far from the bottom a "…文件" document-footer line may be.
    private const int TailLines = 3;

    public static StrippedLines Strip(IReadOnlyList<string> lines)
    {
        var text = lines.Select(l => l.Trim()).Where(l => !IsBlank(l)).ToList();
        var chrome = new bool[text.Count];
        for (var i = 0; i < text.Count; i++)
        {
            chrome[i] = AnywhereChrome().IsMatch(text[i])
                || (i < HeadLines && MetadataLine().IsMatch(text[i]))
                || (i >= text.Count - TailLines && DocumentFooter().IsMatch(text[i]));
        }

        MarkBanner(text, chrome);
        MarkTrailingLicence(text, chrome);

        var kept = new List<string>();
        var removed = new List<string>();
        for (var i = 0; i < text.Count; i++)
        {
            (chrome[i] ? removed : kept).Add(text[i]);
        }

        return new StrippedLines(kept, removed);
    }

    /// <summary>True for a line with nothing a reader would see (spaces, zero-width characters).</summary>
    public static bool IsBlank(string line) => line.All(c => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF');

    // A site's name alone on the first line ("深圳市罗湖区人民政府") followed by the report's title is the page banner.
    private static void MarkBanner(List<string> text, bool[] chrome)
    {
        var first = Array.IndexOf(chrome, false);
        if (first < 0 || !SiteName().IsMatch(text[first]))
        {
            return;
        }

        var title = text.Skip(first + 1).Take(2).FirstOrDefault(l => l.Contains("报告", StringComparison.Ordinal));
        if (title is not null)
        {
            chrome[first] = true;
        }
    }

    // Wiki copies end with a licence notice ("本作品…属于公有领域", "Public domain") after the text.
    private static void MarkTrailingLicence(List<string> text, bool[] chrome)
    {
        for (var i = text.Count - 1; i >= 0; i--)
        {
            if (chrome[i])
            {
                continue;
            }

            if (!LicenceLine().IsMatch(text[i]))
            {
                return;
            }

            chrome[i] = true;
        }
    }

    [GeneratedRegex(@"^(扫一扫在手机(上)?打开当前页|分享到[:：]?.{0,30}|知识图谱|相关信息和服务|当前展示专题专栏信息类别内容.{0,10}|点击标签名称查看更多信息|[【\[]?(打印本页|打印|关闭窗口|关闭|返回顶部|我要纠错|收藏)[】\]]?(\s*[【\[]?(打印本页|打印|关闭窗口|关闭|返回顶部|我要纠错|收藏)[】\]]?)*|[【\[]?字[体号][:：]?\s*[【\[]?大\s*[】\]]?\s*[【\[]?中\s*[】\]]?\s*[【\[]?小[】\]]?[】\]]?|(您)?(当前)?的?位置[:：].{0,60}|(上一篇|下一篇)[:：].{0,60}|(浏览次数|访问量|阅读量|点击数)[:：]\s*\d*|[（(]?联系人[:：][^）)]{0,40}联系电话[:：][^）)]{0,30}[）)]?|.{0,40}(ICP备|公网安备|网站标识码).{0,40})$")]
    private static partial Regex AnywhereChrome();

    [GeneratedRegex(@"^(来源|信息来源|发布时间|发布日期|作者|责任编辑)\s*[:：].{0,80}$")]
    private static partial Regex MetadataLine();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{2,30}文件$")]
    private static partial Regex DocumentFooter();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{2,20}(人民政府|政府|门户网站|网站|政务网)$")]
    private static partial Regex SiteName();

    [GeneratedRegex(@"^(Public domain|false|true|本作品.*公有领域.*|本模板所指.*|注：中文维基文库.*)$")]
    private static partial Regex LicenceLine();
}
