"""The console's sign-in in the cloud: a Cognito user pool (no self sign-up: an operator invites
people), its hosted UI on a Cognito domain, an app client for the console (authorization code +
PKCE, no client secret: a browser keeps none), and the `admin` group that the API reads from the
ID token's `cognito:groups` claim. The API verifies the pool's RS256 ID tokens through its JWKS
(`environment()` gives the API function RCS_JWKS_URL, RCS_JWT_ISSUER and RCS_JWT_AUDIENCE).

The client's callback URL is the console's URL. The default API URL (execute-api) cannot be named
here: the API function's environment names the client, which would name the API, which names the
function (a cycle). So the hosted UI is wired when the console's URL is known up front (a custom
domain: `public_api_url`, or `console_url` from the first deployment's `ConsoleUrl` output); see
docs/deploy.md."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from constructs import Construct

ADMIN_GROUP = "admin"


class ConsoleSignIn(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, prefix: str, domain_prefix: str,
                 console_url: str, production: bool) -> None:
        super().__init__(scope, construct_id)
        self.console_url = console_url
        self.pool = cognito.UserPool(
            self, "Users",
            user_pool_name=f"{prefix}-users",
            self_sign_up_enabled=False,
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            password_policy=cognito.PasswordPolicy(min_length=12, require_digits=True, require_lowercase=True,
                                                   require_uppercase=True, require_symbols=False),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            removal_policy=cdk.RemovalPolicy.RETAIN if production else cdk.RemovalPolicy.DESTROY,
        )
        self.domain = self.pool.add_domain(
            "HostedUi", cognito_domain=cognito.CognitoDomainOptions(domain_prefix=domain_prefix))
        hosted_ui = bool(console_url)
        self.client = self.pool.add_client(
            "Console",
            user_pool_client_name=f"{prefix}-console",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
                callback_urls=[console_url],
                logout_urls=[console_url],
            ) if hosted_ui else None,
            disable_o_auth=not hosted_ui,
            supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
            prevent_user_existence_errors=True,
            id_token_validity=cdk.Duration.hours(1),
            access_token_validity=cdk.Duration.hours(1),
            refresh_token_validity=cdk.Duration.days(1),
        )
        self.admins = cognito.CfnUserPoolGroup(
            self, "Admins", user_pool_id=self.pool.user_pool_id, group_name=ADMIN_GROUP,
            description="Human review of templates and account credits in the console and the API")
        self.hosted_ui = hosted_ui
        cdk.CfnOutput(scope, "UserPoolId", value=self.pool.user_pool_id)
        cdk.CfnOutput(scope, "ConsoleClientId", value=self.client.user_pool_client_id)
        cdk.CfnOutput(scope, "HostedUiDomain", value=self.domain.base_url())

    @property
    def issuer(self) -> str:
        """The ID tokens' `iss`: https:// and the pool's ProviderURL (cognito-idp.<region>.<suffix>/<pool id>)."""
        return f"https://{self.pool.user_pool_provider_url}"

    def environment(self) -> dict[str, str]:
        """What the API function is told: verify the pool's ID tokens; the console signs in there."""
        variables = {
            "RCS_JWKS_URL": f"{self.issuer}/.well-known/jwks.json",
            "RCS_JWT_ISSUER": self.issuer,
            "RCS_JWT_AUDIENCE": self.client.user_pool_client_id,
            "RCS_JWT_ADMIN_CLAIM": "cognito:groups",
            "RCS_JWT_ADMIN_VALUE": ADMIN_GROUP,
        }
        if self.hosted_ui:
            variables["RCS_CONSOLE_COGNITO_DOMAIN"] = self.domain.base_url()
            variables["RCS_CONSOLE_CLIENT_ID"] = self.client.user_pool_client_id
        return variables
