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
