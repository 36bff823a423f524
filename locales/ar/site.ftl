nav-all-languages = جميع اللغات
feed-link = اشترك عبر موجز Atom

series-language-bar-label = هذه السلسلة بلغات أخرى
series-all-calls = جميع ملخصات سلسلة { $series }
series-description = { $series }: { index-digest-count }
series-nav-label = هذه السلسلة
series-previous = السابق في هذه السلسلة
series-next = التالي في هذه السلسلة

not-found-title = الصفحة غير موجودة
not-found-text = لا توجد صفحة بهذا العنوان. ربما كُتب الرابط خطأً، أو نُقلت الصفحة إلى مكان آخر.

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $count ->
    [zero] لا توجد ملخصات في سلسلة { $series }
    [one] الملخص الوحيد في سلسلة { $series }
    [two] الملخصان في سلسلة { $series }
    [few] جميع ملخصات سلسلة { $series }، وعددها { NUMBER($count) } ملخصات
    [many] جميع ملخصات سلسلة { $series }، وعددها { NUMBER($count) } ملخصًا
   *[other] جميع ملخصات سلسلة { $series }، وعددها { NUMBER($count) } ملخص
}
series-years-label = الملخصات حسب السنة
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year } ({ NUMBER($count) })
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }، { $year }
