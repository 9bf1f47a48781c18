using Microsoft.AspNetCore.Authorization;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>A page of one role: anyone else signed in gets 403 and the Danish error page, anyone signed out the sign-in page.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ForRoleAttribute(Role role) : AuthorizeAttribute(PageSignIn.Policy(role))
{
    public Role Role { get; } = role;
}
