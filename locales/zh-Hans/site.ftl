nav-all-languages = 所有语言
feed-link = 订阅（Atom 源）

series-language-bar-label = 本系列的其他语言版本
series-all-calls = { $series }系列的全部摘要
series-description = { $series }：{ index-digest-count }
series-nav-label = 本系列
series-previous = 本系列上一篇
series-next = 本系列下一篇

not-found-title = 找不到页面
not-found-text = 此地址没有页面。链接可能有误，或者页面已被移走。
