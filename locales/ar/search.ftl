# heptaglot: the search page, and the search field in the header of every page.

## Search

search-heading = البحث
search-label = ابحث في الملخصات
search-placeholder = ابحث…
search-button = ابحث
search-language-bar-label = البحث بلغات أخرى

# $count (Number): how many passages match; at least 1
search-results = { $count ->
    [zero] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { NUMBER($count) } نتائج
    [many] { NUMBER($count) } نتيجةً
   *[other] { NUMBER($count) } نتيجة
}
search-no-results = لا توجد نتائج. جرّب كلمات أخرى أو عددًا أقل من الكلمات.
search-loading = جارٍ تحميل فهرس البحث…
search-error = تعذّر تحميل فهرس البحث. يُرجى المحاولة مرة أخرى لاحقًا.
search-needs-js = يعمل البحث داخل متصفحك ويحتاج إلى جافاسكربت، وهي معطّلة أو غير متاحة. ومع ذلك يمكنك تصفّح كل الملخصات.
search-needs-server = يحتاج البحث إلى أن يقدّم خادمُ ويب الموقعَ: فالصفحة المفتوحة كملف لا يمكنها تحميل فهرس البحث. لمعاينة الموقع مع البحث، شغِّل ⁨heptaglot serve⁩ (⁨docs/serve.md⁩). ومع ذلك يمكنك تصفّح كل الملخصات.
