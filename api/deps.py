"""Typed dependencies: the process-wide driver and settings, taken from the app state.

They are `async def` although they do not await: FastAPI runs a sync dependency in the
threadpool, and a thread hop per dependency cost more CPU than the rest of a request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from neo4j import Driver

from graph.settings import Settings


async def get_driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DriverDep = Annotated[Driver, Depends(get_driver)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
