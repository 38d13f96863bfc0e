from django.urls import path

from . import views

app_name = "declarations"

urlpatterns = [
    path("<slug:slug>/", views.DeclarationDetail.as_view(), name="declaration_detail"),
]
