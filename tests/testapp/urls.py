"""URLs of the test app: the product's, plus views that fail on purpose (error-page tests)."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jobdesk.urls import urlpatterns as product_urls

handler500 = "jobdesk.common.errors.server_error"


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


urlpatterns = [
    *product_urls,
    path("test/broken/", broken),
    path("test/database-down/", database_down),
]
