from django.urls import path

from . import views

app_name = "plenaries"

urlpatterns = [
    path("<int:number>/", views.MeetingDetail.as_view(), name="meeting_detail"),
]
