import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiRefusals } from '@app/common';
import { AppConfig } from '@app/config';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentActor, DuringPasswordChange, PlannersOnly, Public } from './decorators';
import { AccountActionDto, ChangePasswordDto } from './dto/account-actions.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { AccessTokenDto, ActorView, LoginDto } from './dto/login.dto';
import { UserView, UserViewPage } from './dto/user-view.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Role } from './role.enums';
import { SESSION_COOKIE, SESSION_COOKIE_PATH } from './session-tokens';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** For planners the answer also sets the queue dashboard's HttpOnly session cookie (path /admin). */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiRefusals(401, 429) // 429: too many attempts from this address or for this account, or the account is held
  async login(@Body() input: LoginDto, @Ip() clientAddress: string, @Res({ passthrough: true }) response: Response): Promise<AccessTokenDto> {
    const answer = await this.auth.login(input, { clientAddress });
    this.setSessionCookie(response, answer.user.role === Role.CentralPlanner ? answer : null);
    return answer;
  }

  /** Ends every session of the account, on every device, and clears the dashboard cookie. */
  @Post('logout')
  @ApiBearerAuth()
  @DuringPasswordChange()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every token of the account is revoked.' })
  async logout(@CurrentActor() actor: Actor, @Ip() clientAddress: string, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(actor, { clientAddress });
    this.setSessionCookie(response, null);
  }

  /** The user's own new password; other sessions end, and this one continues with the token answered. */
  @Post('password')
  @ApiBearerAuth()
  @DuringPasswordChange()
  @HttpCode(200)
  @ApiRefusals(422, 429)
  async changePassword(
    @Body() input: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @Ip() clientAddress: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccessTokenDto> {
    const answer = await this.auth.changePassword(actor, input, { clientAddress });
    this.setSessionCookie(response, answer.user.role === Role.CentralPlanner ? answer : null);
    return answer;
  }

  @Get('me')
  @ApiBearerAuth()
  @DuringPasswordChange()
  me(@CurrentActor() actor: Actor): ActorView {
    return actor;
  }

  /** HttpOnly (scripts never read it), SameSite=Strict, only sent to /admin, Secure in production. */
  private setSessionCookie(response: Response, session: AccessTokenDto | null): void {
    const options = { httpOnly: true, sameSite: 'strict', secure: this.config.isProduction, path: SESSION_COOKIE_PATH } as const;
    if (session) response.cookie(SESSION_COOKIE, session.accessToken, { ...options, maxAge: session.expiresIn * 1000 });
    else response.clearCookie(SESSION_COOKIE, options);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@PlannersOnly()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: UserQueryDto): Promise<UserViewPage> {
    return this.users.list(query);
  }

  @Post()
  @ApiRefusals(409, 422)
  create(@Body() input: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(input, actor);
  }

  /** The account loses access at once (every token revoked); its history stays. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiRefusals(404, 409, 422)
  deactivate(@Param('id', ParseUUIDPipe) id: string, @Body() input: AccountActionDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.deactivate(id, input, actor);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiRefusals(404, 409)
  reactivate(@Param('id', ParseUUIDPipe) id: string, @Body() input: AccountActionDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.reactivate(id, input, actor);
  }

  /** The account must choose a new password before anything else; its sessions end now. */
  @Post(':id/require-password-change')
  @HttpCode(200)
  @ApiRefusals(404, 409)
  requirePasswordChange(@Param('id', ParseUUIDPipe) id: string, @Body() input: AccountActionDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.requirePasswordChange(id, input, actor);
  }
}
