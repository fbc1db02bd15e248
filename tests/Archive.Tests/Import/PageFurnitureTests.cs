using Archive.Import.Pdf;

namespace Archive.Tests.Import;

/// <summary>Page numbers and running heads and feet are furniture; the text's own lines never are, where they stand.</summary>
public sealed class PageFurnitureTests
{
    private static PdfLine Line(string text) => new(text, 70, 500, 700, 12);

    [Fact]
    public void Page_numbers_and_a_running_head_misread_a_little_by_ocr_are_furniture()
    {
        List<IReadOnlyList<PdfLine>> pages =
        [
            [Line("扬州市交通运输局"), Line("一、主要工作"), Line("我局坚持依法行政，推进法治政府建设。"), Line("— 1 —")],
            [Line("扬州市交通运输局"), Line("严格执行重大行政决策程序。"), Line("全面落实行政执法三项制度。"), Line("一2一")],
            [Line("扬州市交通运输届"), Line("二、存在的不足"), Line("法治宣传的实效性有待增强。"), Line("第 3 页 共 3 页")],
        ];

        var furniture = PageFurniture.Find(pages);

        Assert.Equal([(0, 0), (0, 3), (1, 0), (1, 3), (2, 0), (2, 3)], furniture.Order());
    }

    [Fact]
    public void The_bureaus_name_signing_a_short_last_page_is_kept_though_it_is_also_the_running_head()
    {
        List<IReadOnlyList<PdfLine>> pages =
        [
            [Line("扬州市交通运输局"), Line("我局坚持依法行政，推进法治政府建设。"), Line("严格执行重大行政决策程序。"), Line("第 1 页")],
            [Line("扬州市交通运输局"), Line("全面落实行政执法三项制度。"), Line("特此报告。"), Line("第 2 页")],
            [Line("扬州市交通运输局"), Line("扬州市交通运输局"), Line("2024年2月26日"), Line("第 3 页")],
        ];

        var furniture = PageFurniture.Find(pages);

        Assert.Contains((2, 0), furniture);
        Assert.DoesNotContain((2, 1), furniture);
        Assert.DoesNotContain((2, 2), furniture);
    }

    [Fact]
    public void A_line_of_the_text_that_looks_like_a_page_number_is_kept_away_from_the_page_edges()
    {
        List<IReadOnlyList<PdfLine>> pages = [[Line("标题"), Line("一、概况"), Line("2023"), Line("正文。"), Line("正文。"), Line("3")]];

        Assert.Equal([(0, 5)], PageFurniture.Find(pages).Order());
    }

    [Fact]
    public void An_attachment_cover_page_that_appears_once_is_kept()
    {
        List<IReadOnlyList<PdfLine>> pages =
        [
            [Line("法治政府建设年度报告"), Line("我局坚持依法行政，推进法治政府建设。"), Line("严格执行重大行政决策程序。"), Line("— 1 —")],
            [Line("法治政府建设年度报告"), Line("全面落实行政执法三项制度。"), Line("特此报告。"), Line("— 2 —")],
            [Line("附件"), Line("法治政府建设工作台账"), Line("— 3 —")],
        ];

        var furniture = PageFurniture.Find(pages);

        Assert.DoesNotContain((2, 0), furniture);
        Assert.DoesNotContain((2, 1), furniture);
        Assert.Contains((2, 2), furniture);
    }

    [Fact]
    public void A_title_set_large_on_the_first_page_stays_though_the_running_head_repeats_it()
    {
        var title = new PdfLine("深圳市司法局2023年法治政府建设年度报告", 100, 480, 760, 22);
        List<IReadOnlyList<PdfLine>> pages =
        [
            [title, Line("我局坚持依法行政，推进法治政府建设。"), Line("严格执行重大行政决策程序。"), Line("— 1 —")],
            [new PdfLine("深圳市司法局2023年法治政府建设年度报告", 200, 400, 800, 9), Line("全面落实行政执法三项制度。"), Line("特此报告。"), Line("— 2 —")],
            [new PdfLine("深圳市司法局2023年法治政府建设年度报告", 200, 400, 800, 9), Line("二、存在的不足"), Line("法治宣传的实效性有待增强。"), Line("— 3 —")],
        ];

        var furniture = PageFurniture.Find(pages);

        Assert.DoesNotContain((0, 0), furniture);
        Assert.Contains((1, 0), furniture);
        Assert.Contains((2, 0), furniture);
    }
}
