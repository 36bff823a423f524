# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = 搜索
search-label = 搜索摘要
search-placeholder = 输入关键词
search-button = 搜索
search-language-bar-label = 其他语言的搜索页面

# $count (Number): how many passages match; at least 1. Chinese has one plural form.
search-results = 找到{ NUMBER($count) }条结果
search-no-results = 未找到结果。请尝试其他词语，或减少词语数量。
search-loading = 正在加载搜索索引……
search-error = 无法加载搜索索引，请稍后再试。
search-needs-js = 搜索功能在您的浏览器中运行，需要JavaScript，但JavaScript已被停用或不可用。您仍然可以浏览全部摘要。
search-needs-server = 搜索功能需要通过网络服务器访问本站：以文件方式打开的页面无法加载搜索索引。如需在本地预览带搜索功能的网站，请运行 heptaglot serve（参见 docs/serve.md）。您仍然可以浏览全部摘要。
