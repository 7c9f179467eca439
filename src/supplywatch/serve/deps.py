"""What routes receive: the settings and the store the app was built with, and the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from supplywatch.serve.auth import reader, writer
from supplywatch.settings import Settings
from supplywatch.store import ApiToken, Store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
# Route dependencies: reading (open or token, by settings.read_access) and writing (token).
Reader = Annotated[ApiToken | None, Depends(reader)]
Writer = Annotated[ApiToken, Depends(writer)]
