from django.urls import path

from core.citations import FORMATS

from . import views

app_name = "declarations"

urlpatterns = [
    path("", views.DeclarationList.as_view(), name="declaration_list"),
    path("<slug:slug>.txt", views.DeclarationText.as_view(), name="declaration_text"),
    path("<slug:slug>.json", views.DeclarationJson.as_view(), name="declaration_json"),
    path("<slug:slug>/", views.DeclarationDetail.as_view(), name="declaration_detail"),
    path("<slug:slug>.akn.xml", views.DeclarationAkn.as_view(), name="declaration_akn"),
    path("<slug:slug>/clauses/<int:number>/", views.ClauseDetail.as_view(), name="clause_detail"),
    *(
        path(
            f"<slug:slug>/cite.{extension}",
            views.DeclarationCitation.as_view(),
            {"format": extension},
            name=f"declaration_cite_{extension}",
        )
        for extension in FORMATS
    ),
    *(
        path(
            f"<slug:slug>/clauses/<int:number>/cite.{extension}",
            views.ClauseCitation.as_view(),
            {"format": extension},
            name=f"clause_cite_{extension}",
        )
        for extension in FORMATS
    ),
]
