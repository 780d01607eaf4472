from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.static import serve as static_serve


def media(request, path):
    """Uploaded images and their renditions, for `dateline serve` without a web server in front.

    Rendition file names change whenever the image changes, so they can be cached for long.
    """
    from django.conf import settings

    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=86400 * 30)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
