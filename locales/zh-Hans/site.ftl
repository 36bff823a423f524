nav-all-languages = 所有语言
feed-link = 订阅（Atom源）

series-language-bar-label = 本系列的其他语言版本
series-all-calls = { $series }系列的全部摘要
series-description = { $series }：{ index-digest-count }
series-nav-label = 本系列
series-previous = 本系列上一篇
series-next = 本系列下一篇

not-found-title = 找不到页面
not-found-text = 此地址没有页面。链接可能有误，或者页面已被移走。

## Long series: the index shows the newest calls of each, the series page the newest and a page per year

# $series (String): the series name; $count (Number): how many digests it has in all
index-series-all = { $series }系列的全部{ NUMBER($count) }篇摘要
series-years-label = 按年份浏览摘要
# $year (String): the year, e.g. "2024"; $count (Number): how many digests the series has that year
series-year-link = { $year }年（{ NUMBER($count) }）
# $series (String): the series name; $year (String): the year, e.g. "2024"
series-year-title = { $series }，{ $year }年
