from django.urls import path

from . import views

app_name = "declarations"

urlpatterns = [
    path("", views.DeclarationList.as_view(), name="declaration_list"),
    path("<slug:slug>.txt", views.DeclarationText.as_view(), name="declaration_text"),
    path("<slug:slug>.json", views.DeclarationJson.as_view(), name="declaration_json"),
    path("<slug:slug>/", views.DeclarationDetail.as_view(), name="declaration_detail"),
    path("<slug:slug>/clauses/<int:number>/", views.ClauseDetail.as_view(), name="clause_detail"),
]
