from django.urls import path

from dateline.sitemaps import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-news.xml", views.news_sitemap, name="sitemap-news"),
    path("sitemaps/<slug:name>-<int:page>.xml", views.sitemap_page, name="sitemap-page"),
]
