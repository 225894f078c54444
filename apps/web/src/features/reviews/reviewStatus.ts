import type { MantineColor } from "@mantine/core";
import type { EnvironmentReviewStatus } from "../../graphql/generated/graphql";

export const reviewStatusColors = {
  DRAFT: "gray",
  READY: "blue",
  FAILED: "red",
  PUBLISHED: "green",
  ARCHIVED: "gray",
  SUPERSEDED: "yellow",
} as const satisfies Record<EnvironmentReviewStatus, MantineColor>;

export const REVIEW_COMPOSE_RUN_TYPE = "environment.review.compose";
