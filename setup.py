"""Packaging detail pyproject.toml cannot say: ship the top-level resources/ folder as storybook/resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["storybook", "storybook.*"]), "storybook.resources"],
    package_dir={"storybook.resources": "resources"},
)
